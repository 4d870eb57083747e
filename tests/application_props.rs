//! Property tests: the application loader and the normalisers never panic, whatever they are
//! given, and a normalised value normalises to itself.

use onshi::normalize;
use proptest::prelude::*;
use serde_json::Value;

type Normaliser = fn(&str) -> Result<String, String>;

use crate::common::{example_with, load, EXAMPLE};

/// Every JSON pointer of the example, objects included.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    if let Value::Object(map) = v {
        for (k, child) in map {
            let p = format!("{at}/{k}");
            out.push(p.clone());
            pointers(child, p, out);
        }
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
        "[0-9０-９-－]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn load_never_panics_on_any_text(s in "\\PC{0,200}") {
        let _ = load(&s);
    }

    #[test]
    fn load_never_panics_on_a_mutated_example(choice in any::<prop::sample::Index>(), value in any_json(), remove in any::<bool>()) {
        let example: Value = serde_json::from_str(EXAMPLE).unwrap();
        let mut all = Vec::new();
        pointers(&example, String::new(), &mut all);
        let pointer = &all[choice.index(all.len())];
        let changed = example_with(&[(pointer, if remove { Value::Null } else { value })]);
        match load(&changed) {
            Ok(_) => {}
            // Every problem names a field and says something.
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(!p.message.is_empty() && !p.label.is_empty());
                }
            }
        }
    }

    #[test]
    fn normalisers_never_panic_and_are_idempotent(s in "\\PC{0,40}") {
        let all: [(&str, Normaliser); 5] = [
            ("postal_code", normalize::postal_code),
            ("phone", normalize::phone),
            ("furigana", normalize::furigana),
            ("text", normalize::text),
            ("email", normalize::email),
        ];
        for (name, f) in all {
            if let Ok(once) = f(&s) {
                prop_assert_eq!(f(&once), Ok(once.clone()), "{} of {:?}", name, s);
            }
        }
    }

    #[test]
    fn full_and_half_width_digits_agree(digits in "[0-9]{7}", sep in "(-|－|ー| |)") {
        let half = format!("{}{sep}{}", &digits[..3], &digits[3..]);
        let full: String = half.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect();
        prop_assert_eq!(normalize::postal_code(&half), normalize::postal_code(&full));
        prop_assert_eq!(normalize::postal_code(&half), Ok(format!("{}-{}", &digits[..3], &digits[3..])));
    }
}
