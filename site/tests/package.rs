//! The packaged executables for staff (scripts/package), each copied alone beside a content/
//! folder whose path has Japanese in it: the Linux `site` and the Windows `site.exe` (run under
//! Debian's wine) build the eight sites with the wizard and the studio (studio/, both inside the
//! executable), check, schedule, print the forms and serve the preview (the studio at /studio/)
//! on 127.0.0.1, and site.exe's outputs equal the Linux one's; a bureau's own
//! site/static/ file overrides the one inside. The packages: a .tar.gz for Linux, a .zip with
//! a CRLF 使い方.txt for Windows.

use crate::common::{repo, BUREAUS};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The day every run counts from, so that runs on different days and systems compare.
const TODAY: &str = "2026-11-01";
/// What the scenario writes, each compared file for file between the two systems.
const WRITTEN: [&str; 4] = ["public", "restyled-public", "様式", "target/site-preview"];
/// The preview's answers compared between the two systems.
const SERVED: [&str; 7] =
    ["/", "/tohoku/", "/tohoku/assets/reload.js", "/tohoku/wizard/", "/__onshi/build", "/nothing/", "/studio/"];

#[test]
#[ignore = "needs the packaged executable (scripts/package; scripts/test runs it)"]
fn the_packaged_executable_alone_with_content_builds_the_site_and_the_wizard() {
    linux_run();
}

/// The Linux executable's scenario, run once for this binary: its own test above, and the
/// reference site.exe's outputs are compared with.
fn linux_run() -> &'static Run {
    static RUN: std::sync::OnceLock<Run> = std::sync::OnceLock::new();
    RUN.get_or_init(|| scenario(&Executable::Linux, "package"))
}

#[test]
#[ignore = "needs site.exe (ONSHI_PACKAGE_WINDOWS=1 scripts/package), wine and mingw-w64 (scripts/test installs them)"]
fn site_exe_under_wine_does_what_the_linux_executable_does() {
    // What is missing fails first: wine, mingw-w64, site.exe.
    let wine = Executable::Windows(Wine::new());
    wine.packaged();
    let linux = linux_run();
    let windows = scenario(&wine, "windows");
    drop(wine);
    // Every difference, then one failure listing them all.
    let mut differences = Vec::new();
    assert_eq!(windows.printed.len(), linux.printed.len());
    for ((command, on_windows), (_, on_linux)) in windows.printed.iter().zip(&linux.printed) {
        if on_windows != on_linux {
            differences.push(format!("site {command}:\n  Linux   {on_linux:?}\n  Windows {on_windows:?}"));
        }
    }
    for (path, (on_windows, on_linux)) in SERVED.iter().zip(windows.served.iter().zip(&linux.served)) {
        if on_windows != on_linux {
            let head = |answer: &[u8]| String::from_utf8_lossy(&answer[..answer.len().min(300)]).into_owned();
            differences.push(format!(
                "site serve, GET {path}:\n  Linux   {:?}…\n  Windows {:?}…",
                head(on_linux),
                head(on_windows)
            ));
        }
    }
    for folder in WRITTEN {
        differences.extend(different_files(&linux.work, &windows.work, folder));
    }
    assert!(differences.is_empty(), "site.exe under wine differs from the Linux site:\n{}", differences.join("\n"));
    let _ = std::fs::remove_dir_all(windows.work.parent().unwrap());
}

#[test]
#[ignore = "needs both packages (ONSHI_PACKAGE_WINDOWS=1 scripts/package) and python3"]
fn the_linux_package_is_a_tar_gz_and_the_windows_one_a_zip_with_crlf_instructions() {
    let package = repo().join("target/package");
    let folder = format!("onshi-site-{}", env!("CARGO_PKG_VERSION"));
    let work = crate::common::temp("packages");
    let (linux, windows) = (work.join("linux"), work.join("windows"));
    std::fs::create_dir_all(&linux).unwrap();
    let archive = package.join(format!("{folder}-x86_64-linux.tar.gz"));
    assert!(archive.is_file(), "{} がありません：scripts/package を先に実行してください", archive.display());
    let tar = Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(&linux).output().unwrap();
    assert!(tar.status.success(), "{}", String::from_utf8_lossy(&tar.stderr));
    assert_eq!(entries(&linux), [format!("{folder}/site"), format!("{folder}/使い方.txt")]);
    assert!(std::fs::read(linux.join(&folder).join("site")).unwrap() == std::fs::read(package.join("site")).unwrap());

    let archive = package.join(format!("{folder}-x86_64-windows.zip"));
    assert!(
        archive.is_file(),
        "{} がありません：ONSHI_PACKAGE_WINDOWS=1 scripts/package を先に実行してください",
        archive.display()
    );
    // Python's zipfile reads it as Windows' own unpacker does: names flagged UTF-8 (bit 11).
    let python = "import sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        for i in z.infolist(): print(i.filename, i.flag_bits & 0x800 != 0 or i.filename.isascii())\n\
        z.extractall(sys.argv[2])";
    let unzip = Command::new("python3").args(["-c", python]).arg(&archive).arg(&windows).output().unwrap();
    assert!(unzip.status.success(), "{}", String::from_utf8_lossy(&unzip.stderr));
    assert_eq!(
        String::from_utf8(unzip.stdout).unwrap(),
        format!("{folder}/site.exe True\n{folder}/使い方.txt True\n"),
        "the entries, their names in UTF-8"
    );
    assert_eq!(entries(&windows), [format!("{folder}/site.exe"), format!("{folder}/使い方.txt")]);
    let exe = std::fs::read(windows.join(&folder).join("site.exe")).unwrap();
    assert!(exe.starts_with(b"MZ"), "a Windows executable");
    assert!(exe == std::fs::read(package.join("site.exe")).unwrap(), "the zip holds target/package/site.exe");

    let on_linux = String::from_utf8(std::fs::read(linux.join(&folder).join("使い方.txt")).unwrap()).unwrap();
    let on_windows = String::from_utf8(std::fs::read(windows.join(&folder).join("使い方.txt")).unwrap())
        .expect("使い方.txt in UTF-8");
    assert!(!on_linux.contains('\r') && on_linux.contains("./site serve"), "{on_linux}");
    assert!(on_windows.ends_with("\r\n"), "{on_windows:?}");
    assert_eq!(on_windows.matches('\n').count(), on_windows.matches("\r\n").count(), "CRLF on every line");
    assert!(on_windows.contains(".\\site.exe serve") && !on_windows.contains("./site"), "{on_windows}");
    // The same text: with the command names put back, only the lines on opening a command line
    // differ.
    let as_linux = on_windows.replace("\r\n", "\n").replace(".\\site.exe", "./site").replace("site.exe", "site");
    assert_eq!(as_linux.lines().count(), on_linux.lines().count());
    let differing: Vec<&str> = as_linux.lines().zip(on_linux.lines()).filter(|(w, l)| w != l).map(|(w, _)| w).collect();
    assert!(differing.len() <= 2, "{differing:#?}");
    assert!(differing.iter().any(|line| line.contains("コマンドプロンプト")), "{differing:#?}");
    let _ = std::fs::remove_dir_all(&work);
}

/// A packaged executable and how it is started.
enum Executable {
    /// target/package/site, run directly.
    Linux,
    /// target/package/site.exe, run by wine.
    Windows(Wine),
}

impl Executable {
    /// `linux` or `windows`, in the names of its folders.
    fn system(&self) -> &'static str {
        match self {
            Executable::Linux => "linux",
            Executable::Windows(_) => "windows",
        }
    }

    /// Its file's name, as scripts/package leaves it in target/package/ and as staff keep it.
    fn file_name(&self) -> &'static str {
        match self {
            Executable::Linux => "site",
            Executable::Windows(_) => "site.exe",
        }
    }

    /// The file scripts/package left in target/package/.
    fn packaged(&self) -> PathBuf {
        let packaged = repo().join("target/package").join(self.file_name());
        let how = match self {
            Executable::Linux => "scripts/package",
            Executable::Windows(_) => "ONSHI_PACKAGE_WINDOWS=1 scripts/package",
        };
        assert!(packaged.is_file(), "{} がありません：{how} を先に実行してください", packaged.display());
        packaged
    }

    /// A command running its copy in `work`, from `work`.
    fn command(&self, work: &Path) -> Command {
        let mut command = match self {
            Executable::Linux => Command::new(work.join(self.file_name())),
            Executable::Windows(wine) => {
                let mut command = wine.command("wine");
                command.arg(work.join(self.file_name()));
                command
            }
        };
        command.current_dir(work);
        command
    }
}

/// A wine prefix of this test process, with the stand-in bcryptprimitives.dll of
/// site/tests/wine/ that Debian's wine 8.0 lacks and Rust's std loads (found through
/// `WINEPATH`, in tests only). Dropped: its wineserver stopped and the prefix removed.
struct Wine {
    dir: PathBuf,
}

impl Wine {
    fn new() -> Wine {
        match Command::new("wine").arg("--version").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!("wine がありません：apt-get install --no-install-recommends wine wine64 で入れてください"),
        }
        let wine = Wine { dir: crate::common::temp("wine") };
        std::fs::create_dir_all(wine.dir.join("dlls")).unwrap();
        let gcc = Command::new("x86_64-w64-mingw32-gcc")
            .args(["-O2", "-shared", "-s", "-o"])
            .arg(wine.dir.join("dlls/bcryptprimitives.dll"))
            .arg(repo().join("site/tests/wine/bcryptprimitives.c"))
            .arg("-ladvapi32")
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "x86_64-w64-mingw32-gcc がありません（{e}）：apt-get install gcc-mingw-w64-x86-64 で入れてください"
                )
            });
        assert!(gcc.status.success(), "bcryptprimitives.dll: {}", String::from_utf8_lossy(&gcc.stderr));
        // A new prefix first, so that the runs compared print nothing about making it.
        let boot = wine.command("wine").args(["wineboot", "--init"]).output().unwrap();
        assert!(boot.status.success(), "wineboot: {}", String::from_utf8_lossy(&boot.stderr));
        let _ = wine.command("wineserver").arg("-w").status();
        wine
    }

    /// `program` (wine, wineserver) for this prefix: no debug output, no Mono or Gecko
    /// prompts, and UTF-8 for Japanese arguments and file names.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("WINEPREFIX", self.dir.join("prefix"))
            .env("WINEPATH", self.dir.join("dlls"))
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE");
        command
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = self.command("wineserver").arg("-k").status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What one executable printed and wrote in the scenario.
struct Run {
    /// The folder with content/ and everything written (`…/局の作業`).
    work: PathBuf,
    /// Each command with what it printed (`Printed`).
    printed: Vec<(String, Printed)>,
    /// The preview's whole HTTP answer to each of `SERVED`.
    served: Vec<Vec<u8>>,
}

/// A command's exit code and output, with what differs by nature normalised: the time a
/// build took (`123 ms`) and, in `form`'s list of files, the path separator (`様式\plan.pdf`
/// on Windows).
#[derive(Debug, PartialEq)]
struct Printed {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Printed {
    fn new(args: &[&str], output: &Output) -> Printed {
        let text = |bytes: &[u8]| without_millis(std::str::from_utf8(bytes).expect("UTF-8 output"));
        let mut stdout = text(&output.stdout);
        if args[0] == "form" {
            // Lines of `path<TAB>size`; no other backslash.
            stdout = stdout.replace('\\', "/");
        }
        Printed { code: output.status.code(), stdout, stderr: text(&output.stderr) }
    }
}

/// `…（12 ファイル、3 ページ、4 KB、567 ms）` → `… N ms）`.
fn without_millis(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(" ms）") {
        let digits = rest[..at].trim_end_matches(|c: char| c.is_ascii_digit());
        out.push_str(digits);
        if digits.len() < at {
            out.push('N');
        } else {
            out.push_str(&rest[digits.len()..at]);
        }
        out.push_str(" ms）");
        rest = &rest[at + " ms）".len()..];
    }
    out + rest
}

/// The executable copied alone beside a copy of content/ in `…/局の作業`, then every command
/// staff use, each checked: `build` (the eight sites with the wizard, and again with a
/// bureau's own style), `check`, `schedule` as text and JSON, `form` from the example
/// application, and `serve` answering on 127.0.0.1.
fn scenario(executable: &Executable, test: &str) -> Run {
    let packaged = executable.packaged();
    let work = crate::common::temp(&format!("{test}-{}", executable.system())).join("局の作業");
    std::fs::create_dir_all(&work).unwrap();
    // Only the executable and content/ (no templates, static files, wizard or Rust).
    std::fs::copy(&packaged, work.join(executable.file_name())).unwrap();
    let status = Command::new("cp").arg("-r").arg(repo().join("content")).arg(&work).status().unwrap();
    assert!(status.success());
    std::fs::copy(repo().join("tests/data/example-application.json"), work.join("申請.json")).unwrap();
    let mut printed = Vec::new();
    let mut run = |args: &[&str]| {
        let output = executable.command(&work).args(args).output().expect("run the executable");
        printed.push((args.join(" "), Printed::new(args, &output)));
        output
    };
    let succeeded = |o: &Output| {
        assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout.clone()).unwrap()
    };

    let built = succeeded(&run(&["build", "--out", "public", "--today", TODAY]));
    assert!(built.starts_with("書き出しました：public（"), "{built}");
    let public = work.join("public");
    for id in BUREAUS {
        let wizard = std::fs::read_to_string(public.join(id).join("wizard/index.html")).unwrap();
        assert!(wizard.contains(&format!("<meta name=\"onshi-bureau\" content=\"{id}\">")), "{id}");
        let content = crate::common::wizard_content(&public.join(id).join("wizard"));
        assert!(content.bureaus.get(id).is_some() && !content.print_limits.is_empty(), "{id}");
        // The font's name may carry a hash of its content.
        let fonts: Vec<String> = std::fs::read_dir(public.join(id).join("wizard/fonts"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with("NotoSansJP-Regular-subset") && name.ends_with(".ttf"))
            .collect();
        assert_eq!(fonts.len(), 1, "{id}: the wizard's font, once: {fonts:?}");
        assert!(public.join(id).join("forms/request.pdf").is_file(), "{id}");
        let forms_page = std::fs::read_to_string(public.join(id).join("forms/index.html")).unwrap();
        assert!(forms_page.contains("wizard/"), "{id}: the forms page links the wizard");
    }
    let css = std::fs::read_to_string(public.join("tohoku/assets/site.css")).unwrap();
    assert_eq!(css, std::fs::read_to_string(repo().join("site/static/css/site.css")).unwrap(), "the embedded style");
    // The studio inside the executable, written without --studio (the wizard's rule).
    let studio = std::fs::read_to_string(public.join("studio/index.html")).unwrap();
    assert!(studio.contains(r#"<meta name="robots" content="noindex, nofollow">"#), "{studio}");
    assert!(studio.contains("'wasm-unsafe-eval'") && public.join("studio/site_worker_loader.js").is_file(), "{studio}");

    let checked = run(&["check", "--today", TODAY]);
    let report = String::from_utf8_lossy(&checked.stdout);
    match checked.status.code() {
        Some(0) => assert!(report.starts_with("対応の必要な事項はありません"), "{report}"),
        Some(1) => assert!(report.contains("\n対応が必要な事項：") && report.contains("content/"), "{report}"),
        other => panic!("site check: exit {other:?}: {}", String::from_utf8_lossy(&checked.stderr)),
    }

    let schedule = ["schedule", "--bureau", "tohoku", "--designation", "2027-04-01", "--today", TODAY];
    let text = succeeded(&run(&schedule));
    assert!(text.starts_with("東北厚生局") && text.contains("指定日"), "{text}");
    let json = succeeded(&run(&[&schedule[..], &["--format", "json"]].concat()));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(!json["steps"].as_array().expect("steps").is_empty(), "{json:#}");

    let output = run(&["form", "--input", "申請.json", "--out-dir", "様式"]);
    let listed = succeeded(&output);
    assert!(!listed.is_empty());
    for line in listed.lines() {
        let (path, _size) = line.split_once('\t').expect("path<TAB>size");
        let pdf = std::fs::read(work.join(path.replace('\\', "/"))).unwrap();
        assert!(path.starts_with("様式") && pdf.starts_with(b"%PDF-"), "{line}");
    }

    // A bureau that restyles: its own site/static/css/site.css wins.
    // (`site` beside content/ is the executable, so the restyled content root is its own folder.)
    let root = work.join("restyled");
    std::fs::create_dir_all(root.join("site/static/css")).unwrap();
    let status = Command::new("cp").arg("-r").arg(repo().join("content")).arg(&root).status().unwrap();
    assert!(status.success());
    std::fs::write(root.join("site/static/css/site.css"), "/* 局の色 */ body { color: #1a1a1a; }\n").unwrap();
    // Built over a copy of the first build, as a bureau rebuilds: what did not change keeps
    // its compressed copies (the first build made them; this one makes only the changed).
    let status = Command::new("cp").arg("-a").arg(&public).arg(work.join("restyled-public")).status().unwrap();
    assert!(status.success());
    succeeded(&run(&["build", "--root", "restyled", "--out", "restyled-public", "--today", TODAY]));
    let css = std::fs::read_to_string(work.join("restyled-public/tohoku/assets/site.css")).unwrap();
    assert!(css.starts_with("/* 局の色 */"), "{css}");

    let served = serve(executable, &work);
    for (path, answer) in SERVED.iter().zip(&served) {
        let answer = String::from_utf8_lossy(answer);
        let expected = if *path == "/nothing/" { "HTTP/1.1 404 Not Found\r\n" } else { "HTTP/1.1 200 OK\r\n" };
        assert!(answer.starts_with(expected), "site serve: {path}: {answer}");
    }
    let page = String::from_utf8_lossy(&served[1]);
    assert!(page.contains("assets/reload.js") && page.contains("東北厚生局"), "{page}");
    let studio_page = String::from_utf8_lossy(&served[6]);
    let noindex = studio_page.to_ascii_lowercase().contains("\r\nx-robots-tag: noindex\r\n");
    assert!(noindex && studio_page.contains("<title>編集室"), "{studio_page}");
    Run { work, printed, served }
}

/// `site serve` in `work` on a free port: the answers to `SERVED`, then the process stopped.
fn serve(executable: &Executable, work: &Path) -> Vec<Vec<u8>> {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = work.join("serve.log");
    let mut serving = Serving(
        executable
            .command(work)
            .args(["serve", "--port", &port.to_string(), "--today", TODAY])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("site serve"),
    );
    // It listens first, then builds, then answers: wait until it accepts a connection.
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = serving.0.try_wait() {
            panic!("site serve ended ({status}): {}", std::fs::read_to_string(&log).unwrap_or_default());
        }
        assert!(started.elapsed() < Duration::from_secs(120), "site serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let answers = SERVED.iter().map(|path| crate::common::http_get(port, path, "")).collect();
    serving.stop();
    answers
}

/// The preview, stopped when the test ends however it ends (under wine, killing the wine
/// process ends the Windows process; `Wine`'s drop stops the wineserver).
struct Serving(Child);

impl Serving {
    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Every file under `dir`, sorted, as paths relative to it with `/`.
fn entries(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().into_string().unwrap());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// What differs under `folder` between the two systems' work folders: files only one wrote,
/// and files whose bytes differ.
fn different_files(linux: &Path, windows: &Path, folder: &str) -> Vec<String> {
    let (on_linux, on_windows) = (entries(&linux.join(folder)), entries(&windows.join(folder)));
    if on_linux.is_empty() {
        return vec![format!("{folder}: nothing written")];
    }
    let mut differences = Vec::new();
    for file in on_linux.iter().filter(|f| on_windows.binary_search(f).is_err()) {
        differences.push(format!("{folder}/{file}: only from Linux"));
    }
    for file in on_windows.iter().filter(|f| on_linux.binary_search(f).is_err()) {
        differences.push(format!("{folder}/{file}: only from Windows"));
    }
    for file in on_linux.iter().filter(|f| on_windows.binary_search(f).is_ok()) {
        let (l, w) = (
            std::fs::read(linux.join(folder).join(file)).unwrap(),
            std::fs::read(windows.join(folder).join(file)).unwrap(),
        );
        if l != w {
            differences.push(format!("{folder}/{file}: differs ({} and {} bytes)", l.len(), w.len()));
        }
    }
    differences
}
