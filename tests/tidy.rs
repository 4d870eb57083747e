//! Tidy checks of the repository, as rust-analyzer's `tidy.rs` does: ARCHITECTURE.md's code
//! map names every Rust file and each file starts with a `//!` line, and the import
//! invariants ARCHITECTURE.md lists hold. The rules are written at the top of ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folders whose Rust files the code map must name.
const SOURCE_FOLDERS: [&str; 6] = ["src/", "publish/src/", "site/src/", "web/src/", "wizard/src/", "studio/src/"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn architecture() -> String {
    std::fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

/// Every `.rs` file under `folder` (relative to the repository, with `/`), sorted.
fn rust_files(folder: &str) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = repo();
    let mut paths = Vec::new();
    walk(&root.join(folder), &mut paths);
    let mut files: Vec<String> =
        paths.iter().map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/")).collect();
    files.sort();
    files
}

/// The text of ARCHITECTURE.md between `## heading` and the next `## `.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("ARCHITECTURE.md: no `## {heading}`"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map(|i| i + 4).unwrap_or(rest.len());
    &rest[..end]
}

/// The code spans (between backticks) of `text`.
fn code_spans(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// The code map's folder sections: (`site/src/`, the paths they name under it).
fn code_map() -> Vec<(String, Vec<String>)> {
    let text = architecture();
    let map = section(&text, "Code map");
    map.split("\n### ")
        .skip(1)
        .filter_map(|part| {
            let (heading, body) = part.split_once('\n').unwrap_or((part, ""));
            let folder = code_spans(heading).find(|s| s.ends_with('/'))?.to_string();
            let names = code_spans(body).filter(|s| s.ends_with(".rs")).map(|s| format!("{folder}{s}")).collect();
            Some((folder, names))
        })
        .collect()
}

#[test]
fn the_code_map_names_every_rust_file_and_each_says_what_it_is() {
    let map = code_map();
    assert!(!map.is_empty(), "ARCHITECTURE.md: `## Code map` has no section headed by a folder in backticks");
    let mut problems = Vec::new();
    for folder in SOURCE_FOLDERS {
        for file in rust_files(folder) {
            let named = map.iter().any(|(dir, names)| file.starts_with(dir.as_str()) && names.contains(&file));
            if !named {
                problems.push(format!(
                    "{file}: not named in ARCHITECTURE.md's code map (add it, by its path relative to the folder, \
                     to the section of one of its folders)"
                ));
            }
            let text = std::fs::read_to_string(repo().join(&file)).unwrap();
            if !text.starts_with("//!") {
                problems.push(format!("{file}: the first line is not a `//!` line saying what the file is"));
            }
        }
    }
    for (_, names) in &map {
        for name in names {
            if !repo().join(name).is_file() {
                problems.push(format!("ARCHITECTURE.md names {name}, which does not exist"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Every `folder/file.rs::item` the page names (the entry points among them) is a file that
/// defines that item.
#[test]
fn every_item_the_page_names_is_defined_there() {
    let text = architecture();
    let mut problems = Vec::new();
    for span in code_spans(&text) {
        let Some((file, item)) = span.split_once(".rs::").filter(|(file, _)| file.contains('/')) else { continue };
        let file = format!("{file}.rs");
        let defined = std::fs::read_to_string(repo().join(&file)).is_ok_and(|source| {
            ["fn", "struct", "enum", "const", "static", "mod", "trait", "type"]
                .iter()
                .any(|kind| ["(", " ", "<"].iter().any(|after| source.contains(&format!("{kind} {item}{after}"))))
        });
        if !defined {
            problems.push(format!("ARCHITECTURE.md names `{span}`, but {file} does not define {item}"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// One rule of the `imports` block: these files must not use these paths.
struct Rule {
    line: String,
    files: Vec<String>,
    forbidden: Vec<String>,
    pending: bool,
}

fn rules() -> Vec<Rule> {
    let text = architecture();
    let start = text.find("\n```imports\n").expect("ARCHITECTURE.md: no ```imports block") + "\n```imports\n".len();
    let block = &text[start..start + text[start..].find("```").expect("the imports block ends")];
    block
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            assert!(
                (2..=3).contains(&parts.len()) && parts.get(2).is_none_or(|p| *p == "pending"),
                "ARCHITECTURE.md imports: `{line}` is not `<files> | <paths> [| pending]`"
            );
            let mut words = parts[0].split_whitespace();
            let scope = words.next().expect("files");
            let but: Vec<&str> = words.filter(|w| *w != "but").collect();
            let files: Vec<String> = if scope.ends_with('/') {
                rust_files(scope).into_iter().filter(|f| !but.contains(&f.as_str())).collect()
            } else {
                vec![scope.to_string()]
            };
            for f in files.iter().map(String::as_str).chain(but.iter().copied()) {
                assert!(repo().join(f).is_file(), "ARCHITECTURE.md imports: `{line}`: there is no {f}");
            }
            Rule {
                line: line.to_string(),
                files,
                forbidden: parts[1].split_whitespace().map(str::to_string).collect(),
                pending: parts.len() == 3,
            }
        })
        .collect()
}

/// `crate::{a, b::{c, self}, d as e}` → `crate::a`, `crate::b::c`, `crate::b`, `crate::d`.
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let close = tree.rfind('}').expect("a use group closes");
        let head = format!("{prefix}{}", &tree[..open]);
        let (mut depth, mut from) = (0, open + 1);
        for (i, c) in tree.char_indices().take(close).skip(open + 1) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    flatten(&head, &tree[from..i], out);
                    from = i + 1;
                }
                _ => {}
            }
        }
        flatten(&head, &tree[from..close], out);
    } else if !tree.is_empty() {
        let item = tree.split(" as ").next().unwrap().trim();
        let path = format!("{prefix}{item}");
        out.push(path.strip_suffix("::self").unwrap_or(&path).to_string());
    }
}

/// What a file uses: (line, path) for each path of its `use` statements and each path written
/// in its code that starts with `crate::`, `std::` or one of the `roots`.
fn used_paths(text: &str, roots: &[&str]) -> Vec<(usize, String)> {
    let mut used = Vec::new();
    let mut statement: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap();
        let trimmed = line.trim_start();
        let starts_use =
            ["use ", "pub use ", "pub(crate) use ", "pub(super) use "].iter().find_map(|p| trimmed.strip_prefix(p));
        if let Some(rest) = starts_use {
            statement = Some((i + 1, rest.to_string()));
        } else if let Some((_, s)) = statement.as_mut() {
            s.push_str(line);
        }
        if let Some((n, s)) = statement.take() {
            if let Some(end) = s.find(';') {
                let mut paths = Vec::new();
                flatten("", &s[..end], &mut paths);
                used.extend(paths.into_iter().map(|p| (n, p)));
            } else {
                statement = Some((n, s));
            }
            continue;
        }
        // Paths written in the code, in reading order: `crate::notice::StepId`, `web_sys::window()`.
        let is_path_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
        let mut written = Vec::new();
        for root in roots.iter().copied().chain(["crate", "std"]) {
            for (at, _) in line.match_indices(root) {
                if line[..at].chars().next_back().is_some_and(is_path_char) {
                    continue;
                }
                let end = line[at..].find(|c: char| !is_path_char(c)).map_or(line.len(), |j| j + at);
                let path = line[at..end].trim_end_matches(':');
                if path.len() > root.len() && path[root.len()..].starts_with("::")
                    || path == root && roots.contains(&root)
                {
                    written.push((at, path.to_string()));
                }
            }
        }
        written.sort();
        written.dedup();
        used.extend(written.into_iter().map(|(_, p)| (i + 1, p)));
    }
    used
}

#[test]
fn the_import_invariants_hold() {
    let mut problems = Vec::new();
    for rule in rules() {
        let roots: Vec<&str> = rule.forbidden.iter().map(|f| f.split("::").next().unwrap()).collect();
        let mut violations = Vec::new();
        for file in &rule.files {
            let text = std::fs::read_to_string(repo().join(file)).unwrap();
            for (line, path) in used_paths(&text, &roots) {
                if let Some(f) = rule.forbidden.iter().find(|f| path == **f || path.starts_with(&format!("{f}::"))) {
                    violations
                        .push(format!("{file}:{line}: uses {path} (ARCHITECTURE.md: `{}` forbids {f})", rule.line));
                }
            }
        }
        match (rule.pending, violations.is_empty()) {
            (false, false) => problems.extend(violations),
            (true, true) => problems.push(format!(
                "ARCHITECTURE.md imports: `{}` holds now: remove `| pending` (and its note in Invariants)",
                rule.line
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_reader_of_uses_sees_groups_and_written_paths() {
    let text = "use crate::{calendar, bureaus::{DaySpec, self}};\nuse std::fs as f;\n\
                fn x() { crate::notice::describe(); web_sys::window(); let s = \"a\"; // crate::era\n}\n";
    let used: Vec<String> = used_paths(text, &["web_sys"]).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        used,
        [
            "crate::calendar",
            "crate::bureaus::DaySpec",
            "crate::bureaus",
            "std::fs",
            "crate::notice::describe",
            "web_sys::window"
        ]
    );
}

/// A crate's Rust files by their module path (`content::edit` for src/content/edit.rs, `` for
/// lib.rs), its programs (`bin/`) left out: they use the crate by its name, as any other would.
fn modules(folder: &str) -> BTreeMap<String, String> {
    rust_files(folder)
        .into_iter()
        .filter(|f| !f.starts_with(&format!("{folder}bin/")) && !f.ends_with("main.rs"))
        .map(|file| {
            let inside = file[folder.len()..].trim_end_matches(".rs");
            let module = inside.trim_end_matches("/mod").trim_end_matches("lib").trim_end_matches('/');
            (module.replace('/', "::"), file)
        })
        .collect()
}

/// The file a `crate::…` path lands in: the longest module of the path that is a file.
fn landing<'a>(modules: &'a BTreeMap<String, String>, path: &str) -> Option<&'a String> {
    let parts: Vec<&str> = path.strip_prefix("crate::")?.split("::").collect();
    (0..=parts.len()).rev().find_map(|n| modules.get(&parts[..n].join("::")))
}

/// Whether module `a` contains module `b`, or is it (a module and its own submodules use each
/// other as Rust's module tree has it; the circles that matter are between siblings).
fn contains(a: &str, b: &str) -> bool {
    a.is_empty() || a == b || b.starts_with(&format!("{a}::"))
}

/// No two files of a crate use each other, directly or round a longer circle: the import
/// picture is a tree with shortcuts, as ARCHITECTURE.md draws it (REVIEW-STRUCTURE's three
/// circles were between `site/src/embedded.rs` and `publish/`, the studio's views and
/// `app.rs`, and `studio/src/model.rs` and `page_model.rs`).
#[test]
fn no_file_is_in_a_circle_of_imports() {
    let mut problems = Vec::new();
    for folder in SOURCE_FOLDERS {
        let modules = modules(folder);
        let by_file: BTreeMap<&String, &String> = modules.iter().map(|(m, f)| (f, m)).collect();
        let mut edges: BTreeMap<&String, BTreeSet<&String>> = BTreeMap::new();
        for (module, file) in &modules {
            let text = std::fs::read_to_string(repo().join(file)).unwrap();
            // A file's tests (its `#[cfg(test)]` module, last) may use anything.
            let text = text.split("#[cfg(test)]").next().unwrap();
            let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
            for (_, path) in used_paths(text, &[]) {
                // `super::x` in a module file is its parent's `x`.
                let path = match path.strip_prefix("super::") {
                    Some(rest) if parent.is_empty() => format!("crate::{rest}"),
                    Some(rest) => format!("crate::{parent}::{rest}"),
                    None => path,
                };
                let Some(target) = landing(&modules, &path) else { continue };
                let other = by_file[target];
                if !contains(module, other) && !contains(other, module) {
                    edges.entry(file).or_default().insert(target);
                }
            }
        }
        // Depth-first: a file met again on the path being walked closes a circle.
        fn walk<'a>(
            at: &'a String,
            edges: &BTreeMap<&'a String, BTreeSet<&'a String>>,
            path: &mut Vec<&'a String>,
            done: &mut BTreeSet<&'a String>,
            circles: &mut Vec<String>,
        ) {
            if let Some(i) = path.iter().position(|f| *f == at) {
                let circle: Vec<&str> = path[i..].iter().map(|f| f.as_str()).chain([at.as_str()]).collect();
                circles.push(circle.join(" → "));
                return;
            }
            if !done.insert(at) {
                return;
            }
            path.push(at);
            for next in edges.get(at).into_iter().flatten() {
                walk(next, edges, path, done, circles);
            }
            path.pop();
        }
        let mut done = BTreeSet::new();
        for file in modules.values() {
            walk(file, &edges, &mut Vec::new(), &mut done, &mut problems);
        }
    }
    assert!(problems.is_empty(), "files that import each other:\n{}\n", problems.join("\n"));
}
