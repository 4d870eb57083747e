//! Shared by the integration tests: the example application file and variants of it.

use onshi::application::{Loaded, Problem};
use serde_json::Value;

/// Loads an application file against the repository's content.
pub fn load(json: &str) -> Result<Loaded, Vec<Problem>> {
    onshi::application::load(json, onshi::content::repository())
}

/// The application file of the forms issue, accepted as it is.
pub const EXAMPLE: &str = include_str!("../data/example-application.json");

/// The example with fields replaced, each named by a JSON pointer (`/founder/name`);
/// `Value::Null` removes the field.
pub fn example_with(changes: &[(&str, Value)]) -> String {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let object = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        if value.is_null() {
            object.remove(key);
        } else {
            object.insert(key.to_string(), value.clone());
        }
    }
    v.to_string()
}
