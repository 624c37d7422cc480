//! [`Attrs`]: an entity's typed attributes, a small map sorted by key.
//!
//! An entity has a handful of attributes (at most a dozen), most with keys
//! known at compile time. A `BTreeMap<String, Value>` cost a key allocation
//! and a tree node per attribute, on every candidate, winners and losers;
//! this is one vector, keys borrowed when they are `&'static str`, looked up
//! by binary search. Iteration, `Debug` and serialization are in key order,
//! as a `BTreeMap`'s were, so output is unchanged and deterministic.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::fmt;

/// Typed attributes of an entity, keyed as in `ANNOTATION.md` (`of`, `id`,
/// `ids`, `kind`, `number`, `date`, `value`) plus richer fields. Sorted keys,
/// so output is deterministic.
///
/// A small map with the `BTreeMap` calls that matter here:
/// ```
/// use viet_ner::Attrs;
///
/// let mut a = Attrs::new();
/// a.insert("kind", "Nghị quyết");
/// a.insert("id", "18-NQ/TW");
/// assert_eq!(a.get("id").and_then(|v| v.as_str()), Some("18-NQ/TW"));
/// assert_eq!(a["kind"], "Nghị quyết");
/// assert_eq!(a.keys().collect::<Vec<_>>(), ["id", "kind"]);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"id":"18-NQ/TW","kind":"Nghị quyết"}"#);
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct Attrs {
    items: Vec<(Cow<'static, str>, Value)>,
}

impl Attrs {
    /// An empty map (allocates nothing).
    pub const fn new() -> Self {
        Attrs { items: Vec::new() }
    }

    /// Where `key` is, or would go. A linear scan: there are a handful of
    /// keys, a few bytes each, and a byte loop beats a `memcmp` call each.
    #[inline]
    fn find(&self, key: &str) -> Result<usize, usize> {
        let key = key.as_bytes();
        for (i, (k, _)) in self.items.iter().enumerate() {
            match cmp_bytes(k.as_bytes(), key) {
                Ordering::Less => {}
                Ordering::Equal => return Ok(i),
                Ordering::Greater => return Err(i),
            }
        }
        Err(self.items.len())
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).ok().map(|i| &self.items[i].1)
    }

    /// The value under `key`, to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.find(key).ok().map(|i| &mut self.items[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        value: impl Into<Value>,
    ) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, value)),
            Err(i) => {
                if self.items.capacity() == 0 {
                    // Most entities have two to six attributes: one allocation.
                    self.items.reserve_exact(6);
                }
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.find(key).ok().map(|i| self.items.remove(i).1)
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keys and values, in key order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.items.iter())
    }

    /// Keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.items.iter().map(|(k, _)| k.as_ref())
    }

    /// Values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &Value> + '_ {
        self.items.iter().map(|(_, v)| v)
    }
}

/// `a.cmp(b)` for short byte strings, without a library call.
#[inline(always)]
fn cmp_bytes(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// Iterator over [`Attrs`] in key order.
#[derive(Debug, Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, (Cow<'static, str>, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_ref(), v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a str, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<K: Into<Cow<'static, str>>, V: Into<Value>> FromIterator<(K, V)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut a = Attrs::new();
        a.extend(iter);
        a
    }
}

impl<K: Into<Cow<'static, str>>, V: Into<Value>> Extend<(K, V)> for Attrs {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<Q: Borrow<str> + ?Sized> std::ops::Index<&Q> for Attrs {
    type Output = Value;
    /// The value under `key`; panics if there is none, as `BTreeMap` does.
    fn index(&self, key: &Q) -> &Value {
        let key = key.borrow();
        self.get(key)
            .unwrap_or_else(|| panic!("no attribute {key:?}"))
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.items.len()))?;
        for (k, v) in self.iter() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The same calls on a `BTreeMap` give the same map, order and text.
    #[test]
    fn agrees_with_btreemap() {
        let ops: &[(&str, Option<i64>)] = &[
            ("kind", Some(1)),
            ("id", Some(2)),
            ("of", Some(3)),
            ("id", Some(4)),
            ("a", None),
            ("of", None),
            ("zz", Some(5)),
            ("", Some(6)),
            ("kind", None),
        ];
        let mut a = Attrs::new();
        let mut b: BTreeMap<String, Value> = BTreeMap::new();
        for &(k, v) in ops {
            match v {
                Some(v) => assert_eq!(a.insert(k, v), b.insert(k.to_string(), v.into())),
                None => assert_eq!(a.remove(k), b.remove(k)),
            }
            let pairs: Vec<(&str, &Value)> = b.iter().map(|(k, v)| (k.as_str(), v)).collect();
            assert_eq!(a.iter().collect::<Vec<_>>(), pairs);
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap()
            );
            assert_eq!(a.len(), b.len());
            for k in ["kind", "id", "of", "a", "zz", "", "x"] {
                assert_eq!(a.get(k), b.get(k));
                assert_eq!(a.contains_key(k), b.contains_key(k));
            }
        }
    }

    #[test]
    fn owned_and_borrowed_keys_are_one_key() {
        let mut a = Attrs::new();
        a.insert(String::from("id"), 1);
        assert_eq!(a.insert("id", 2), Some(Value::from(1)));
        assert_eq!(a.len(), 1);
        let b: Attrs = [("id", 2)].into_iter().collect();
        assert_eq!(a, b);
    }
}
