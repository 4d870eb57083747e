# One scenario for every browser engine (Chromium, Firefox ESR, WebKitGTK), driven through
# W3C WebDriver by python selenium: the wizard end to end (start page, questions, timeline,
# PDFs from the loaded application file, offline before the first PDF, two bureaus in one
# tab), every page of the built site at 390 px and 1280 px (no sideways scroll, the h1 in the
# first screen, the navigation reachable) and axe-core on each page and wizard step; or, with
# --studio CONTENT_ZIP, the studio's (編集室, the site's studio/) zip path instead: the zip
# opened through its file input, 東北's 受付番号 day 5 → 8 in the form, the dates read before
# saving, 保存, the saved content.zip kept, axe-core on each of its pages. It serves
# the site itself on 127.0.0.1 (with a switch that makes the server refuse every request:
# "offline" the same way in every engine) and writes OUT_DIR/report.json, which
# site/tests/engines.rs reads and asserts on. It asserts little itself: it records.
#
#   python3 site/tests/browser/engines.py chromium|firefox|webkit SITE_DIR OUT_DIR APPLICATION_JSON AXE_JS [--studio CONTENT_ZIP]
#
# Nothing is downloaded: every driver and browser is named by its path (selenium-manager is
# never asked); GECKODRIVER=PATH names another geckodriver than the one on PATH or in
# ~/.cargo/bin. WebKit needs an X display: without one the script runs itself again under
# xvfb-run.

import base64
import glob
import html
import json
import os
import shutil
import socket
import sys
import threading
import time
import traceback
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ENGINE, SITE, OUT, APPLICATION, AXE = (sys.argv[1:6] + [None] * 5)[:5]
# The studio's scenario instead of the wizard's and the pages': the content zip it opens.
CONTENT_ZIP = sys.argv[7] if sys.argv[6:7] == ["--studio"] and len(sys.argv) > 7 else None
TODAY = "2026-11-01"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# (width, height) of the two screens every page is checked at.
SCREENS = [(390, 844), (1280, 800)]

report = {
    "engine": ENGINE,
    "missing": [],
    "errors": [],
    "axe": [],
    "axe_runs": 0,
    "timings_s": {},
    "wizard": {},
    "pages": {},
    "search": {},
    "studio": {},
}


def fail_missing(what):
    report["missing"].append(what)


# --- What each engine needs, found on this machine (never downloaded) -------------------------


def find_tools():
    """The paths of the driver and browser for ENGINE; what is missing goes to report["missing"]."""
    tools = {}
    if ENGINE == "chromium":
        tools["browser"] = shutil.which("chromium") or "/usr/bin/chromium"
        tools["driver"] = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        if not os.path.exists(tools["browser"]):
            fail_missing("Chromium: apt-get install chromium")
        if not os.path.exists(tools["driver"]):
            fail_missing("chromedriver: apt-get install chromium-driver")
    elif ENGINE == "firefox":
        tools["browser"] = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
        cargo_bin = os.path.join(os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo")), "bin", "geckodriver")
        tools["driver"] = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or cargo_bin
        if not os.path.exists(tools["browser"]):
            fail_missing("Firefox ESR: apt-get install firefox-esr")
        if not os.path.exists(tools["driver"]):
            fail_missing("geckodriver: cargo install --locked geckodriver@0.37.1")
    elif ENGINE == "webkit":
        tools["driver"] = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
        browsers = sorted(
            glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser") + glob.glob("/usr/lib/*/webkitgtk-6.*/MiniBrowser")
        )
        tools["browser"] = browsers[0] if browsers else None
        if not os.path.exists(tools["driver"]) or not tools["browser"]:
            fail_missing("WebKitWebDriver and MiniBrowser: apt-get install webkit2gtk-driver")
        if not os.environ.get("DISPLAY") and not (shutil.which("xvfb-run") and shutil.which("xauth")):
            fail_missing("an X display for WebKit: apt-get install xvfb xauth")
    else:
        fail_missing(f"unknown engine {ENGINE!r}: chromium, firefox or webkit")
    try:
        import selenium

        if selenium.__version__ != "4.40.0":
            fail_missing(f"python selenium 4.40.0 (found {selenium.__version__}): pip install selenium==4.40.0")
    except ImportError:
        fail_missing("python selenium 4.40.0: pip install selenium==4.40.0")
    if not shutil.which("pdftotext"):
        fail_missing("pdftotext: apt-get install poppler-utils")
    return tools


def write_report():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)


# --- The test's own web server ---------------------------------------------------------------


class Server:
    """The built site on 127.0.0.1, with the MIME types the wizard needs, a log of what was
    asked, a harness page that holds a page in an iframe of a given size, and `offline`: while
    it is set, every connection is closed without an answer (as when the network is gone)."""

    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.offline = False
        self.requests = []
        self.refused = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {
                **SimpleHTTPRequestHandler.extensions_map,
                ".html": "text/html; charset=utf-8",
                ".js": "text/javascript",
                ".mjs": "text/javascript",
                ".wasm": "application/wasm",
                ".css": "text/css",
                ".json": "application/json",
                ".ttf": "font/ttf",
                ".pdf": "application/pdf",
                ".txt": "text/plain; charset=utf-8",
                ".ics": "text/calendar; charset=utf-8",
                ".svg": "image/svg+xml",
                ".xml": "application/xml",
                ".bin": "application/octet-stream",
            }

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=server.root, **kwargs)

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = urllib.parse.urlsplit(self.path).path
                if server.offline:
                    server.refused.append(path)
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
                server.requests.append(path)
                if path == "/__engines/frame.html":
                    self.harness()
                    return
                super().do_GET()

            def harness(self):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                src, width, height = query["src"][0], int(query["w"][0]), int(query["h"][0])
                body = (
                    '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>枠</title>'
                    "<style>html,body{margin:0;padding:0}iframe{display:block;border:0}</style></head><body>"
                    f'<iframe id="frame" title="検査するページ" src="{html.escape(src)}"'
                    f' style="width:{width}px;height:{height}px"></iframe>'
                    "</body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


# --- The engines ---------------------------------------------------------------------------


def start_driver(tools):
    """A WebDriver session in ENGINE, every binary given by path."""
    from selenium import webdriver

    # selenium-manager is not asked for anything (the paths below are given); this keeps it
    # from reaching out even if it were.
    os.environ["SE_OFFLINE"] = "true"
    if ENGINE == "chromium":
        profile = os.path.join(OUT, "profile")
        shutil.rmtree(profile, ignore_errors=True)
        options = webdriver.ChromeOptions()
        options.binary_location = tools["browser"]
        for flag in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--window-size=1280,800",
        ]:
            options.add_argument(flag)
        service = webdriver.ChromeService(executable_path=tools["driver"], log_output=os.path.join(OUT, "driver.log"))
        return webdriver.Chrome(options=options, service=service)
    if ENGINE == "firefox":
        options = webdriver.FirefoxOptions()
        options.binary_location = tools["browser"]
        options.add_argument("-headless")
        options.set_preference("app.update.enabled", False)
        options.set_preference("browser.shell.checkDefaultBrowser", False)
        options.set_preference("datareporting.policy.dataSubmissionEnabled", False)
        options.set_preference("toolkit.telemetry.enabled", False)
        options.set_preference("network.captive-portal-service.enabled", False)
        options.set_preference("network.connectivity-service.enabled", False)
        # Scrollbars that take no room, as on a phone.
        options.set_preference("ui.useOverlayScrollbars", 1)
        # The chrome context (for Services.io.offline, the browser's own "work offline").
        service = webdriver.FirefoxService(
            executable_path=tools["driver"],
            service_args=["--allow-system-access"],
            log_output=os.path.join(OUT, "driver.log"),
        )
        driver = webdriver.Firefox(options=options, service=service)
        driver.set_window_rect(width=1280, height=800)
        return driver
    options = webdriver.WebKitGTKOptions()
    options.binary_location = tools["browser"]
    options.add_argument("--automation")
    service = webdriver.WebKitGTKService(executable_path=tools["driver"], log_output=os.path.join(OUT, "driver.log"))
    driver = webdriver.WebKitGTK(options=options, service=service)
    return driver


def set_browser_offline(driver, offline):
    """The browser's own offline state (navigator.onLine, the 'offline' event), by the means
    the engine has; the server's switch makes the requests fail in every engine. Returns how."""
    if ENGINE == "chromium":
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        return "CDP Network.emulateNetworkConditions"
    if ENGINE == "firefox":
        with driver.context(driver.CONTEXT_CHROME):
            driver.execute_script(
                "Services.io.manageOfflineStatus = false; Services.io.offline = arguments[0];", offline
            )
        return "Services.io.offline (chrome context)"
    # WebKitGTK's WebDriver has no network emulation and its onLine follows the machine's
    # network: the page is told, as the browser would tell it.
    driver.execute_script(
        """
        const offline = arguments[0];
        Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => !offline });
        window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
        """,
        offline,
    )
    return "navigator.onLine overridden in the page"


# --- Helpers over WebDriver ------------------------------------------------------------------


def wait(driver, condition, timeout=30, what="a condition"):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            value = condition()
            if value:
                return value
        except Exception as e:  # the page is changing under us: try again
            last = e
        time.sleep(0.05)
    raise TimeoutError(f"waited {timeout} s for {what}" + (f" (last error: {last})" if last else ""))


def xpath_literal(text):
    if "'" not in text:
        return f"'{text}'"
    return "concat('" + "', \"'\", '".join(text.split("'")) + "')"


def by_xpath(driver, xpath):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.XPATH, xpath)


def by_css(driver, css):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def all_css(driver, css):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def button(driver, text, exact=True):
    test = f"normalize-space(.)={xpath_literal(text)}" if exact else f"contains(normalize-space(.), {xpath_literal(text)})"
    return by_xpath(driver, f"//button[{test}]")


def goto(driver, url):
    """Opens `url` and waits until the window shows it (geckodriver may answer a navigation
    to a URL with a fragment before the new document has replaced the old one)."""
    driver.get(url)
    wait(
        driver,
        lambda: driver.execute_script("return location.href === arguments[0] && document.readyState === 'complete'", url),
        what=f"the page {url}",
    )


def heading(driver):
    return driver.execute_script("return document.querySelector('h1')?.textContent.trim() ?? null")


def wait_page(driver, slug):
    """Until the wizard shows the page `slug` (the URL fragment follows the page)."""
    wait(
        driver,
        lambda: driver.execute_script(
            "return location.hash === arguments[0] && !!document.querySelector('#app h1')", "#" + slug
        ),
        what=f"the wizard's page #{slug}",
    )


def choose(driver, name, value):
    """Clicks the label of the radio button `name` = `value`, as a person would."""
    radio = by_xpath(driver, f"//input[@type='radio' and @name={xpath_literal(name)} and @value={xpath_literal(value)}]")
    label = by_css(driver, f"label[for='{radio.get_attribute('id')}']")
    label.click()
    wait(driver, lambda: radio.is_selected(), what=f"{name} = {value} chosen")


def type_date(driver, path, iso):
    """Types a YYYY-MM-DD date into the wizard's three boxes of the date field `path`."""
    year, month, day = iso.split("-")
    for part, value in [("year", year), ("month", str(int(month))), ("day", str(int(day)))]:
        box = by_css(driver, f"#{path.replace('.', '-')}-{part}")
        box.clear()
        box.send_keys(value)


def next_page(driver):
    button(driver, "次へ").click()


def choose_file(driver, file_input, path, media_type):
    """Chooses the file at `path` in `file_input` as a person would (WebDriver types its path),
    or, in an engine whose WebDriver cannot fill a file input, through a DataTransfer holding
    the same bytes. Returns how."""
    try:
        file_input.send_keys(os.path.abspath(path))
        return "send_keys"
    except Exception as e:
        with open(path, "rb") as f:
            data = base64.b64encode(f.read()).decode()
        driver.execute_script(
            """
            const [input, b64, name, type] = arguments;
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, { type }));
            input.files = data.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
            """,
            file_input,
            data,
            os.path.basename(path),
            media_type,
        )
        return f"DataTransfer (send_keys failed: {str(e).splitlines()[0]})"


CAPTURE = """
// The wizard offers a file by clicking a hidden link to a blob URL. Keep each blob and do not
// follow the link: the bytes are read back here, the same way in every engine.
if (!window.__engines) {
  window.__engines = { blobs: new Map(), downloads: [] };
  const create = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = create.call(URL, object);
    if (object instanceof Blob) window.__engines.blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download') && this.href.startsWith('blob:')) {
      window.__engines.downloads.push({ name: this.download, url: this.href });
      return;
    }
    return click.call(this);
  };
}
return window.__engines.downloads.length;
"""

READ_DOWNLOAD = """
const [index, done] = [arguments[0], arguments[arguments.length - 1]];
const file = window.__engines.downloads[index];
window.__engines.blobs.get(file.url).arrayBuffer().then((buffer) => {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  done({ name: file.name, base64: btoa(text) });
}, (e) => done({ error: String(e) }));
"""


def download(driver, action, what, timeout=30):
    """Does `action` (a click that offers a file) and returns the file's name and where it was
    saved under OUT/downloads."""
    before = driver.execute_script(CAPTURE)
    action()
    wait(driver, lambda: driver.execute_script(CAPTURE) > before, timeout=timeout, what=f"the file of {what}")
    got = driver.execute_async_script(READ_DOWNLOAD, before)
    if "error" in got:
        raise RuntimeError(f"{what}: {got['error']}")
    folder = os.path.join(OUT, "downloads")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, got["name"])
    with open(path, "wb") as f:
        f.write(base64.b64decode(got["base64"]))
    return {"name": got["name"], "path": path}


AXE_RUN = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, { runOnly: { type: 'tag', values: tags } }).then(
  (r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}]`)),
  (e) => done([`axe failed: ${e}`]),
);
"""

_axe_source = None


def axe(driver, where):
    """axe-core on the document the driver is in (injected by WebDriver: the pages' CSP
    allows no script of ours)."""
    global _axe_source
    if _axe_source is None:
        with open(AXE, encoding="utf-8") as f:
            _axe_source = f.read()
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(_axe_source + "\n;return typeof window.axe;")
    violations = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    report["axe_runs"] += 1
    for v in violations:
        report["axe"].append(f"{where}: {v}")


# --- 1. The wizard end to end ----------------------------------------------------------------


def wizard(driver, server):
    """Start page, the questions typed from the application file's answers, the timeline, the
    file loaded, offline before the first PDF, the PDFs, and a second bureau in the same tab."""
    with open(APPLICATION, encoding="utf-8") as f:
        application = json.load(f)
    bureau = application["bureau"]
    w = report["wizard"]
    w["input"] = {
        "bureau": bureau,
        "prefecture": application["prefecture"],
        "facility_kind": application["facility_kind"],
        "designation": application["designation_date"],
        "setup": application["plan"]["setup_start"],
        "transitional": application["transitional_measure"],
        "today": TODAY,
    }
    url = f"{server.base}/{bureau}/wizard/?today={TODAY}"
    started = time.time()
    goto(driver, url)
    w["start_page"] = {"heading": heading(driver), "text": by_css(driver, "#start").text}
    axe(driver, "wizard start")
    by_xpath(driver, "//a[normalize-space(.)='始める']").click()
    wait_page(driver, "kind")
    w["time_to_interactive_ms"] = round((time.time() - started) * 1000)
    w["progress"] = by_css(driver, ".progress").text
    axe(driver, "wizard kind")

    # 「次へ」 without an answer: the error summary, with the focus.
    next_page(driver)
    wait(driver, lambda: all_css(driver, ".error-summary"), what="the error summary")
    w["kind_error"] = driver.execute_script(
        "const a = document.activeElement; return a && a.classList.contains('error-summary') ? a.textContent : null"
    )
    axe(driver, "wizard kind, error")
    choose(driver, "facility_kind", application["facility_kind"])
    next_page(driver)
    if bureau_has_prefecture_page(driver):
        axe(driver, "wizard prefecture")
        choose(driver, "prefecture", application["prefecture"])
        next_page(driver)
    wait_page(driver, "retroactive")
    axe(driver, "wizard retroactive")
    choose(driver, "retroactive", "no")
    next_page(driver)
    wait_page(driver, "transitional")
    axe(driver, "wizard transitional")
    choose(driver, "transitional", "yes" if application["transitional_measure"] else "no")
    next_page(driver)
    wait_page(driver, "dates")
    axe(driver, "wizard dates")
    type_date(driver, "designation_date", application["designation_date"])
    type_date(driver, "setup_date", application["plan"]["setup_start"])
    next_page(driver)
    wait_page(driver, "timeline")
    wait(driver, lambda: all_css(driver, "main table tbody tr"), what="the timeline's table")
    w["timeline"] = driver.execute_script(
        "return [...document.querySelectorAll('main table tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim()))"
    )
    w["next_action"] = by_css(driver, ".next-action").text
    w["timeline_svg_circles"] = len(all_css(driver, "figure.timeline svg circle"))
    axe(driver, "wizard timeline")
    w["ics"] = download(driver, lambda: button(driver, "カレンダー", exact=False).click(), "the calendar")

    # The saved file, loaded from the first page (its 「保存したファイルを読み込む」).
    goto(driver, f"{url}#kind")
    wait_page(driver, "kind")
    load = by_xpath(driver, "//label[normalize-space(.)='保存したファイルを読み込む']")
    file_input = by_css(driver, "#" + load.get_attribute("for"))
    w["file_input"] = choose_file(driver, file_input, APPLICATION, "application/json")
    wait_page(driver, "check")
    w["after_load"] = {
        "notice": by_css(driver, ".notice").text,
        "text": by_css(driver, "main").text,
    }
    axe(driver, "wizard check (file loaded)")
    button(driver, "書類を作る").click()
    wait_page(driver, "download")
    axe(driver, "wizard download")

    # Offline before the first PDF: this session loaded the questions but never the PDF code
    # or the font. The service worker is in charge (it would serve a copy if it had one).
    w["service_worker"] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        if (!('serviceWorker' in navigator)) { done('none'); return; }
        Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), new Promise((ok) => setTimeout(() => ok('not ready after 10 s'), 10000))])
          .then(() => done(navigator.serviceWorker.controller ? 'controls the page' : 'ready, not controlling'));
        """
    )
    w["requests_before_pdf"] = list(server.requests)
    # First the server gone while the browser thinks it is online, then the browser offline too.
    server.offline = True
    button(driver, "PDF を作る").click()
    wait(driver, lambda: all_css(driver, ".error-summary"), timeout=100, what="the error summary (server gone)")
    w["server_gone"] = by_css(driver, ".error-summary").text
    w["offline_method"] = set_browser_offline(driver, True)
    w["on_line_while_offline"] = driver.execute_script("return navigator.onLine")
    mark_summary(driver)
    button(driver, "もう一度 PDF を作る").click()
    wait_new_summary(driver, "the error summary (offline)")
    w["offline_first_pdf"] = by_css(driver, ".error-summary").text
    axe(driver, "wizard download, offline error")
    w["refused_while_offline"] = sorted(set(server.refused))
    server.offline = False
    set_browser_offline(driver, False)
    w["on_line_after"] = driver.execute_script("return navigator.onLine")
    pdf_started = time.time()
    button(driver, "もう一度 PDF を作る").click()
    wait(driver, lambda: all_css(driver, "ul.downloads button"), timeout=100, what="the PDFs")
    w["pdf_ms"] = round((time.time() - pdf_started) * 1000)
    w["checklist"] = by_css(driver, ".checklist").text
    axe(driver, "wizard download, PDFs made")
    w["pdfs"] = []
    for label in [b.text for b in all_css(driver, "ul.downloads button")]:
        w["pdfs"].append({"label": label, **download(driver, lambda: button(driver, label).click(), label)})

    # Two bureaus in one tab: the answers stay with the bureau they were typed for.
    other = "hokkaido" if bureau != "hokkaido" else "tohoku"
    goto(driver, f"{server.base}/{other}/wizard/?today={TODAY}#request")
    wait_page(driver, "request")
    w["other_bureau"] = {"bureau": other, **request_page(driver)}
    axe(driver, f"wizard request ({other}, empty)")
    goto(driver, f"{url}#request")
    wait_page(driver, "request")
    w["same_bureau_again"] = request_page(driver)
    axe(driver, "wizard request (filled)")


def request_page(driver):
    """The facility's name as the request page shows it, and the bureau in its header (read
    in one go: the page may be drawn again meanwhile)."""
    return wait(
        driver,
        lambda: driver.execute_script(
            """
            const name = document.querySelector('#facility-name');
            const header = document.querySelector('.site-header .bureau');
            return name && header ? { facility_name: name.value, header: header.textContent.trim() } : null;
            """
        ),
        what="the request page's fields",
    )


def mark_summary(driver):
    """Marks the error summary shown now, to tell the next one from it."""
    driver.execute_script("document.querySelector('.error-summary').dataset.seen = '1'")


def wait_new_summary(driver, what):
    """Until an error summary other than the marked one is shown (a retry rebuilds it)."""
    wait(driver, lambda: all_css(driver, ".error-summary:not([data-seen])"), timeout=100, what=what)


def bureau_has_prefecture_page(driver):
    """After the kind: the prefecture page (a bureau of several prefectures) or straight on."""
    wait(driver, lambda: driver.execute_script("return location.hash !== '#kind'"), what="the page after the kind")
    return driver.execute_script("return location.hash") == "#prefecture"


# --- 2. Every page at 390 px and 1280 px -----------------------------------------------------

MEASURE = """
const de = document.documentElement;
const h1 = document.querySelector('h1');
const rect = h1 ? h1.getBoundingClientRect() : null;
const nav = document.querySelector('.site-nav');
function shown(el) {
  if (!el) return false;
  if (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
}
const links = nav ? [...nav.querySelectorAll('a')] : [];
return {
  inner_width: innerWidth,
  inner_height: innerHeight,
  client_width: de.clientWidth,
  scroll_width: de.scrollWidth,
  h1_bottom: rect ? Math.round(rect.bottom) : null,
  h1_top: rect ? Math.round(rect.top) : null,
  nav: !!nav,
  nav_links: links.length,
  nav_links_shown: links.filter(shown).length,
  summary_shown: nav ? shown(nav.querySelector(':scope > summary')) : false,
};
"""


def site_pages():
    pages = []
    for folder, dirs, files in os.walk(SITE):
        # The wizard's steps and the studio are checked by their own scenarios.
        dirs[:] = sorted(d for d in dirs if d not in ("wizard", "studio"))
        for name in sorted(files):
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(folder, name), SITE).replace(os.sep, "/"))
    return sorted(pages)


def fit_window(driver, width, height):
    """Makes the page's viewport width × height if the engine can; returns what it measures."""
    driver.set_window_rect(width=width, height=height)
    for _ in range(3):
        inner = driver.execute_script("return [innerWidth, innerHeight]")
        if inner == [width, height]:
            break
        rect = driver.get_window_rect()
        driver.set_window_rect(width=rect["width"] + width - inner[0], height=rect["height"] + height - inner[1])
    return driver.execute_script("return [innerWidth, innerHeight]")


def check_page(driver, width, height):
    """The checks of one page, in the document the driver is in."""
    problems = []
    m = driver.execute_script(MEASURE)
    if m["inner_width"] != width:
        problems.append(f"viewport {m['inner_width']} px wide, not {width}")
    if m["scroll_width"] > m["client_width"]:
        problems.append(f"scrolls sideways: {m['scroll_width']} px > {m['client_width']} px")
    if m["h1_bottom"] is None:
        problems.append("no h1")
    elif m["h1_bottom"] > m["inner_height"] or m["h1_top"] < 0:
        problems.append(f"h1 not in the first screen ({m['h1_top']}..{m['h1_bottom']} px of {m['inner_height']})")
    nav = "none"
    if m["nav"]:
        if m["nav_links_shown"] > 0:
            nav = "shown"
        elif m["summary_shown"]:
            by_css(driver, ".site-nav > summary").click()
            after = driver.execute_script(MEASURE)
            if after["nav_links_shown"] == after["nav_links"] and after["nav_links"] > 0:
                nav = "toggle"
            else:
                nav = "unreachable"
                problems.append(f"the navigation's summary opens {after['nav_links_shown']} of {after['nav_links']} links")
        else:
            nav = "unreachable"
            problems.append("the navigation is neither shown nor behind a visible summary")
    return problems, nav, m


FRAME_LOADED = """
const [frame, path] = arguments;
const doc = frame.contentDocument;
return !!doc && doc.readyState === 'complete' && decodeURIComponent(frame.contentWindow.location.pathname) === path;
"""


def pages(driver, server):
    """Every page of the site at each screen width: in the window if the engine can make it
    that wide, else in an iframe of that width inside a harness page of the test server."""
    found = report["pages"]
    names = site_pages()
    found["count"] = len(names)
    found["problems"] = []
    found["method"] = {}
    found["nav"] = {}
    found["layout_width"] = {}
    for width, height in SCREENS:
        key = str(width)
        goto(driver, f"{server.base}/{names[0]}")
        inner = fit_window(driver, width, height)
        framed = inner != [width, height]
        found["method"][key] = (
            f"iframe {width}x{height} (the window can be {inner[0]}x{inner[1]} at the closest)"
            if framed
            else f"window {width}x{height}"
        )
        if framed:
            fit_window(driver, max(width, 1280) + 40, height + 60)
        navs = {}
        widths = set()
        for name in names:
            if framed:
                src = urllib.parse.quote("/" + name)
                goto(driver, f"{server.base}/__engines/frame.html?src={src}&w={width}&h={height}")
                frame = by_css(driver, "#frame")
                wait(
                    driver,
                    lambda: driver.execute_script(FRAME_LOADED, frame, "/" + name),
                    what=f"{name} in the frame",
                )
                driver.switch_to.frame(frame)
            else:
                goto(driver, f"{server.base}/{name}")
            try:
                problems, nav, m = check_page(driver, width, height)
                widths.add(m["client_width"])
                navs[nav] = navs.get(nav, 0) + 1
                for p in problems:
                    found["problems"].append(f"{name} at {width} px: {p}")
                # axe once per page, on the wide screen (the rules do not depend on the width).
                if width == SCREENS[-1][0]:
                    axe(driver, name)
            finally:
                if framed:
                    driver.switch_to.default_content()
        found["nav"][key] = navs
        found["layout_width"][key] = sorted(widths)


# --- 2b. このサイト内を検索 -------------------------------------------------------------------

READ_RESULTS = """
const count = document.querySelector('.search-count');
const items = [...document.querySelectorAll('.search-results li')];
if (!count || !count.textContent) return null;
return {
  count: count.textContent,
  live: count.getAttribute('role'),
  results: items.length,
  first: items.length ? { text: items[0].querySelector('a').textContent, href: items[0].querySelector('a').getAttribute('href'),
    mark: (items[0].querySelector('mark') || {}).textContent || null } : null,
  rows: items.filter((li) => li.classList.contains('search-row')).length,
  more: (document.querySelector('.search-more') || {}).textContent || null,
};
"""

READ_MORE = """
const items = [...document.querySelectorAll('.search-results li')];
return { shown: items.length, focused: items.findIndex((li) => li.querySelector('a') === document.activeElement) };
"""


def search(driver, server):
    """The search on 東北's steps page: opened by its button, the box found by its label; a word,
    a month in another notation, a query that finds nothing; the first result followed to its
    section; axe with results shown."""
    from selenium.webdriver.common.keys import Keys

    s = report["search"]
    goto(driver, f"{server.base}/tohoku/steps/")
    s["requests_before"] = [p for p in server.requests if "/search-" in p]
    wait(driver, lambda: button(driver, "サイト内検索"), what="the search button").click()
    s["opened"] = driver.execute_script(
        "const b = document.querySelector('.search-toggle');"
        "return { expanded: b.getAttribute('aria-expanded'), focused: document.activeElement.id };"
    )
    label = wait(driver, lambda: by_xpath(driver, "//label[normalize-space()='このサイト内を検索']"), what="the search box")
    field = by_css(driver, "#" + label.get_attribute("for"))
    for name, query in [("word", "受付番号"), ("month", "R9.4"), ("nothing", "存在しない語句")]:
        field.clear()
        driver.execute_script("document.querySelector('.search-count').textContent = ''")
        field.send_keys(query)
        field.send_keys(Keys.ENTER)
        s[name] = wait(driver, lambda: driver.execute_script(READ_RESULTS), what=f"the results of {query}")
        if name == "word":
            axe(driver, "search results")
            # The next results: shown below, the focus on the first of them.
            by_css(driver, ".search-more").click()
            s["word_more"] = wait(
                driver, lambda: (lambda r: r if r["shown"] > s["word"]["results"] else None)(driver.execute_script(READ_MORE)),
                what="the next results",
            )
    s["requests_after"] = [p for p in server.requests if "/search-" in p]
    # The first result of the month: its link lands on the row's month, opened if folded.
    driver.execute_script("document.querySelector('.search-count').textContent = ''")
    field.clear()
    field.send_keys("R9.4")
    field.send_keys(Keys.ENTER)
    wait(driver, lambda: driver.execute_script(READ_RESULTS), what="the results of R9.4 again")
    by_css(driver, ".search-results li a").click()
    s["landed"] = wait(
        driver,
        lambda: driver.execute_script(
            "const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
            "return t ? { path: location.pathname, id: t.id, text: t.textContent.trim() } : null;"
        ),
        what="the result's section",
    )


# --- 3. The studio's zip path ----------------------------------------------------------------

# The form of 東北's own 受付番号 deadline (the bureau's, for every office), by its legend.
TOHOKU_RECEPTION = "局（各事務所に共通）：受付番号の依頼（別紙1）の期限"

READ_FORM = """
const [legend] = arguments;
const form = [...document.querySelectorAll('fieldset.deadline')].find((f) => f.querySelector(':scope > legend')?.textContent.trim() === legend);
if (!form) return null;
const day = document.getElementById(`${form.id}-day`);
const label = day && document.querySelector(`label[for="${day.id}"]`);
const rows = [...form.querySelectorAll('table.dates tbody tr')].map((r) => [r.querySelector('th')?.textContent.trim(), r.querySelector('td')?.textContent.trim()]);
return {
  day: day ? day.value : null,
  day_id: day ? day.id : null,
  day_label: label ? label.textContent.trim() : null,
  rows,
  sentence: form.querySelector('.rule-sentence')?.textContent.trim() ?? null,
  error: form.querySelector('.error-message')?.textContent.trim() ?? null,
};
"""

# From the next key pressed in the day's box to the 12 dates of the new rule in the page (the
# measure of studio/tests/studio.mjs).
TIME_KEYSTROKE = """
const [legend, month, date] = arguments;
const form = [...document.querySelectorAll('fieldset.deadline')].find((f) => f.querySelector(':scope > legend')?.textContent.trim() === legend);
const input = document.getElementById(`${form.id}-day`);
window.__studioTiming = {};
input.addEventListener('keydown', () => { window.__studioTiming.key = performance.now(); }, { once: true });
const observer = new MutationObserver(() => {
  const form = [...document.querySelectorAll('fieldset.deadline')].find((f) => f.querySelector(':scope > legend')?.textContent.trim() === legend);
  const rows = form ? [...form.querySelectorAll('table.dates tbody tr')] : [];
  const row = rows.find((r) => r.querySelector('th')?.textContent.trim() === month);
  if (rows.length === 12 && row && row.textContent.includes(date)) {
    window.__studioTiming.shown = performance.now();
    observer.disconnect();
  }
});
observer.observe(document.body, { subtree: true, childList: true, characterData: true });
"""


def march(form):
    """The date the form shows for designation 令和9年3月."""
    return next((date for month, date in form["rows"] if month == "令和9年3月"), None)


READ_COMPARISON = """
const tables = [...document.querySelectorAll('table.comparison.dates')];
if (!tables.length) return null;
return {
  headings: [...document.querySelectorAll('h2')].map((h) => h.textContent.trim()),
  offices: tables.map((t) => ({
    caption: t.caption.textContent.trim(),
    rows: t.tBodies[0].rows.length,
    march: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())).filter((c) => c[0] === '令和9年3月1日'),
  })),
};
"""


def studio(driver, server):
    """The studio of the built site (studio/), the zip path: open a zip of the content, change
    東北's 受付番号 day from 5 to 8, read the dates before saving, save (content.zip), read the
    新旧対照表, export the site (site.zip)."""
    from selenium.webdriver.common.keys import Keys

    s = report["studio"]
    t = time.time()
    goto(driver, f"{server.base}/studio/?today={TODAY}")
    wait(driver, lambda: driver.execute_script("return !!document.querySelector('#open-zip')"), what="the studio's start page")
    s["start_ms"] = round((time.time() - t) * 1000)
    s["start_heading"] = heading(driver)
    axe(driver, "studio start")

    t = time.time()
    s["file_input"] = choose_file(driver, by_css(driver, "#open-zip"), CONTENT_ZIP, "application/zip")
    tohoku = wait(driver, lambda: by_xpath(driver, "//a[normalize-space(.)='東北厚生局']"), what="the bureau list")
    s["open_zip_ms"] = round((time.time() - t) * 1000)
    s["list_heading"] = heading(driver)
    axe(driver, "studio bureaus")
    tohoku.click()
    before = wait(
        driver,
        lambda: (f := driver.execute_script(READ_FORM, TOHOKU_RECEPTION)) and f["rows"] and f,
        what="東北's 受付番号 form",
    )
    s["day_label"] = before["day_label"]
    s["day_before"] = before["day"]
    s["march_before"] = march(before)

    day = by_css(driver, "#" + before["day_id"])
    day.click()
    day.send_keys(Keys.END, Keys.BACKSPACE)
    empty = wait(
        driver,
        lambda: (f := driver.execute_script(READ_FORM, TOHOKU_RECEPTION)) and f["error"] and f,
        what="the error of an empty day",
    )
    s["error_when_empty"] = empty["error"]
    axe(driver, "studio bureau, a day missing")
    driver.execute_script(TIME_KEYSTROKE, TOHOKU_RECEPTION, "令和9年3月", "令和9年1月8日")
    day.send_keys("8")
    wait(driver, lambda: driver.execute_script("return window.__studioTiming.shown !== undefined"), what="the dates of day 8")
    timing = driver.execute_script("return window.__studioTiming")
    s["keystroke_to_dates_ms"] = round(timing["shown"] - timing["key"], 1)
    after = driver.execute_script(READ_FORM, TOHOKU_RECEPTION)
    s["day_after"] = after["day"]
    s["march_after"] = march(after)
    s["rows"] = len(after["rows"])
    s["sentence"] = after["sentence"]
    axe(driver, "studio bureau, day 8")

    t = time.time()
    s["saved"] = download(driver, lambda: button(driver, "保存").click(), "the saved content")
    s["save_ms"] = round((time.time() - t) * 1000)
    s["notice"] = wait(driver, lambda: by_css(driver, ".notice").text, what="the notice after saving")
    axe(driver, "studio bureau, saved")

    # The 新旧対照表 (the content as opened against as saved): each office's table of moved dates.
    t = time.time()
    button(driver, "新旧対照表").click()
    comparison = wait(driver, lambda: driver.execute_script(READ_COMPARISON), timeout=120, what="the 新旧対照表")
    s["comparison_ms"] = round((time.time() - t) * 1000)
    s["comparison"] = comparison
    axe(driver, "studio 新旧対照表")

    # The site exported from the saved content (compared with `site build` by engines.rs).
    t = time.time()
    s["site"] = download(driver, lambda: button(driver, "サイトを書き出す").click(), "the exported site", timeout=300)
    s["export_ms"] = round((time.time() - t) * 1000)


# --- main ------------------------------------------------------------------------------------


def main():
    if None in (ENGINE, SITE, OUT, APPLICATION, AXE) or (len(sys.argv) > 6 and CONTENT_ZIP is None):
        print(
            "usage: engines.py chromium|firefox|webkit SITE_DIR OUT_DIR APPLICATION_JSON AXE_JS [--studio CONTENT_ZIP]",
            file=sys.stderr,
        )
        sys.exit(2)
    os.makedirs(OUT, exist_ok=True)
    tools = find_tools()
    if report["missing"]:
        write_report()
        sys.exit(3)
    if ENGINE == "webkit" and not os.environ.get("DISPLAY"):
        # A virtual X display, big enough for a 1280 px window.
        os.execvp(
            "xvfb-run",
            ["xvfb-run", "-a", "-s", "-screen 0 1920x1200x24", sys.executable, os.path.abspath(__file__), *sys.argv[1:]],
        )
    server = Server(SITE)
    driver = None
    all_started = time.time()
    try:
        t = time.time()
        driver = start_driver(tools)
        driver.set_script_timeout(120)
        driver.set_page_load_timeout(60)
        report["browser"] = {
            "name": driver.capabilities.get("browserName"),
            "version": driver.capabilities.get("browserVersion"),
        }
        report["timings_s"]["start"] = round(time.time() - t, 1)
        parts = [("studio", studio)] if CONTENT_ZIP else [("wizard", wizard), ("pages", pages), ("search", search)]
        for part, run in parts:
            t = time.time()
            try:
                run(driver, server)
            except Exception:
                report["errors"].append(f"{part}: {traceback.format_exc()}")
                try:
                    driver.save_screenshot(os.path.join(OUT, f"failure-{part}.png"))
                except Exception:
                    pass
            report["timings_s"][part] = round(time.time() - t, 1)
    except Exception:
        report["errors"].append(traceback.format_exc())
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        server.close()
    report["timings_s"]["total"] = round(time.time() - all_started, 1)
    write_report()
    summary = {"engine": ENGINE, "errors": len(report["errors"]), "axe": len(report["axe"]), "timings_s": report["timings_s"]}
    print(json.dumps(summary))
    sys.exit(1 if report["errors"] else 0)


if __name__ == "__main__":
    main()
