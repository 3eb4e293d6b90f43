//! The order of the keys in a portfolio file changes nothing: the same file
//! written with its keys sorted (as `jq -S`, Python's `sort_keys=True` or a
//! `serde_json::Value` round trip write it), reversed, or with `portfolio`
//! last gives the same problems, at the same JSON paths, and the same
//! outputs, byte for byte, as the file in its own order.
//!
//! The oracle is the file in its own order: the outputs of the fixtures
//! there are checked against fixtures/invalid/README.md and the SPEC by the
//! other tests. Reordering keys changes no value, so nothing may change.

mod common;

use std::path::Path;

use serde_json::Value;

use common::{root, run, write};

/// How the keys of each object are written.
#[derive(Clone, Copy, Debug)]
enum Order {
    /// Alphabetical, everywhere.
    Sorted,
    /// Reverse alphabetical, everywhere: `projects` before `portfolio`,
    /// `components` and `capabilities` after it.
    Reversed,
    /// Top level: every list first, then `domains`, then `portfolio` last;
    /// alphabetical inside the records.
    HeaderLast,
}

impl Order {
    fn keys(self, depth: usize, object: &serde_json::Map<String, Value>) -> Vec<&str> {
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        match self {
            Order::Sorted => {}
            Order::Reversed => keys.reverse(),
            Order::HeaderLast if depth == 0 => {
                let rank = |k: &str| match k {
                    "portfolio" => 2,
                    "domains" => 1,
                    _ => 0,
                };
                keys.sort_by_key(|k| rank(k));
            }
            Order::HeaderLast => {}
        }
        keys
    }
}

/// `value` as JSON text with its keys in `order`; one member per line
/// (two-space indent) when `pretty`, else on one line.
fn written(value: &Value, order: Order, pretty: bool) -> String {
    fn go(value: &Value, order: Order, pretty: bool, depth: usize, out: &mut String) {
        let newline = |out: &mut String, depth: usize| {
            if pretty {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
        };
        match value {
            Value::Object(object) if !object.is_empty() => {
                out.push('{');
                for (n, key) in order.keys(depth, object).into_iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push_str(if pretty { ": " } else { ":" });
                    go(&object[key], order, pretty, depth + 1, out);
                }
                newline(out, depth);
                out.push('}');
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    go(item, order, pretty, depth + 1, out);
                }
                newline(out, depth);
                out.push(']');
            }
            scalar => out.push_str(&serde_json::to_string(scalar).unwrap()),
        }
    }
    let mut out = String::new();
    go(value, order, pretty, 0, &mut out);
    out
}

/// `check --format json`'s problems, without the file name (the copies
/// have other names).
fn problems(path: &Path) -> Vec<Value> {
    let out = run(&[
        "check".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    out.expect_no_panic();
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json of {}: {e}\n{}",
            path.display(),
            out.stdout
        )
    });
    let mut problems = report["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("no problems list: {report}"))
        .clone();
    for p in &mut problems {
        p.as_object_mut().unwrap().remove("file");
    }
    problems
}

/// The outputs of the commands that read the whole portfolio.
fn outputs(path: &Path) -> Vec<(String, i32, String)> {
    let file = path.to_str().unwrap();
    [
        vec!["check", file],
        vec!["schedule", file, "--format", "json"],
        vec!["schedule", file],
        vec!["rank", file, "--format", "json"],
    ]
    .into_iter()
    .map(|args| {
        let out = run(&args);
        out.expect_no_panic();
        let same_name = out.stdout.replace(file, "FILE");
        (args.join(" ").replace(file, "FILE"), out.code, same_name)
    })
    .collect()
}

const ORDERS: [Order; 3] = [Order::Sorted, Order::Reversed, Order::HeaderLast];

#[test]
fn every_fixture_gives_the_same_problems_whatever_the_key_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    let fixtures = root().join("fixtures");
    let invalid = fixtures.join("invalid");
    let files = [fixtures.clone(), invalid.clone()]
        .into_iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            p.extension().is_some_and(|e| e == "json") && !name.starts_with("status")
        });
    for original in files {
        let Ok(value) =
            serde_json::from_str::<Value>(&std::fs::read_to_string(&original).unwrap_or_default())
        else {
            continue; // malformed on purpose: no keys to reorder
        };
        let expected = problems(&original);
        // A repeated key cannot survive a round trip through `Value`.
        if expected.iter().any(|p| p["code"] == "duplicate-key") {
            continue;
        }
        for order in ORDERS {
            for pretty in [false, true] {
                let copy = write(dir.path(), "copy.json", &written(&value, order, pretty));
                assert_eq!(
                    problems(&copy),
                    expected,
                    "{} with its keys {order:?} (pretty: {pretty})",
                    original.display()
                );
                compared += 1;
            }
        }
    }
    // 5 portfolios at the top of fixtures/ and 28 of fixtures/invalid/
    // parse as JSON objects (malformed-json, non-utf8, empty, too-deep,
    // not-an-object do not); some are not portfolios at all, which is
    // fine: their problems must not change either.
    assert!(compared >= 6 * 25, "only {compared} copies compared");
}

#[test]
fn a_generated_portfolio_gives_the_same_outputs_whatever_the_key_order() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("generated.json");
    run(&[
        "generate",
        "--projects",
        "400",
        "--seed",
        "7",
        "--output",
        original.to_str().unwrap(),
    ])
    .expect_code(0);
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    // The generator's own order is header first, then the lists: what the
    // copies change.
    let text = std::fs::read_to_string(&original).unwrap();
    assert!(text.find("\"portfolio\"").unwrap() < text.find("\"projects\"").unwrap());
    let expected = outputs(&original);
    assert!(
        expected.iter().all(|(_, code, _)| *code == 0),
        "{expected:?}"
    );
    for order in ORDERS {
        let copy = write(dir.path(), "copy.json", &written(&value, order, false));
        assert_eq!(outputs(&copy), expected, "keys {order:?}");
    }
}

#[test]
fn problems_in_a_key_sorted_file_name_the_same_paths_and_a_syntax_error_its_own_line() {
    // The three problems of multiple-problems.json (fixtures/invalid/README.md:
    // a negative duration, an unknown id, an unknown field), written sorted
    // and pretty: the same three at the same JSON paths.
    let dir = tempfile::tempdir().unwrap();
    let original = root().join("fixtures/invalid/multiple-problems.json");
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    let sorted = written(&value, Order::Sorted, true);
    let copy = write(dir.path(), "sorted.json", &sorted);
    let found = problems(&copy);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found, problems(&original));

    // A syntax error (a missing colon after the last project's "name") is
    // reported at its line and column in the sorted file: counted here in
    // the text itself.
    let colon = sorted.rfind("\"name\": ").expect("a name") + "\"name\"".len();
    let broken = format!("{}{}", &sorted[..colon], &sorted[colon + 1..]);
    // serde_json stops at the `"` of the value, which follows the space
    // now at `colon`: its line, and its column counted from 1.
    let quote = colon + 1;
    assert_eq!(&broken[quote..quote + 1], "\"");
    let line = broken[..quote].matches('\n').count() + 1;
    let column = quote - broken[..quote].rfind('\n').map_or(0, |n| n + 1) + 1;
    let copy = write(dir.path(), "broken.json", &broken);
    let out = run(&[
        "check".as_ref(),
        copy.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let problem = &report["problems"][0];
    assert_eq!(problem["code"], "syntax", "{report}");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{report}"
    );
}
