"""The browser session of the demo's browser tests: a page that records third-party requests, failed
responses and console errors (CSP complaints among them), and runs axe-core."""

from __future__ import annotations

import functools
from typing import Any

from playwright.sync_api import Error as PlaywrightError

from tests.demo.e2e.conftest import AXE

PROGRAMME = "/p/birmingham-sandwell/"

# The page may still be arriving when a check starts (a click returns before the browser leaves the page it
# was on), so the check waits for the document's load before axe reads it.
RUN_AXE = """async () => {
  if (document.readyState !== "complete") {
    await new Promise((loaded) => window.addEventListener("load", loaded, {once: true}));
  }
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


@functools.cache
def axe_source() -> str:
    return AXE.read_text()


class Session:
    """A browser page that records third-party requests and CSP complaints, and runs axe-core."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context()
        # axe-core is in every page from its start, so a check only runs it.
        self.context.add_init_script(script=axe_source())
        self.page = self.context.new_page()
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []
        self.failed_responses: list[str] = []
        self.page.on("request", self._on_request)
        self.page.on(
            "response", lambda r: r.status >= 400 and self.failed_responses.append(f"{r.status} {r.url}")
        )
        self.page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )

    def _on_request(self, request: Any) -> None:
        if not request.url.startswith((self.base, "data:")):
            self.foreign_requests.append(request.url)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check_accessibility()

    def accessibility_violations(self) -> list[str]:
        # A check that started on the page being left loses its document when the next one arrives;
        # it then runs on the page that arrived.
        for _attempt in range(3):
            self.page.wait_for_load_state()
            try:
                violations: list[str] = self.page.evaluate(RUN_AXE)
            except PlaywrightError as error:
                if "Execution context was destroyed" not in error.message:
                    raise
            else:
                return violations
        raise AssertionError(f"{self.page.url}: the page kept navigating while axe-core ran")

    def check_accessibility(self) -> None:
        violations = self.accessibility_violations()
        assert violations == [], f"{self.page.url}: {violations}"
        assert self.foreign_requests == [], self.foreign_requests
        assert self.failed_responses == [], self.failed_responses
        assert self.console_errors == [], self.console_errors

    def submit_expecting_refusal(self, button: Any) -> None:
        """Submit a form the server refuses with 422 (errors shown, input kept): that status is expected."""
        button.click()
        self.page.wait_for_load_state()
        assert [status.split()[0] for status in self.failed_responses] == ["422"]
        self.failed_responses.clear()
        # The browser logs the 422 as a failed load; nothing else may have been logged.
        assert all("status of 422" in message for message in self.console_errors)
        self.console_errors.clear()
        self.check_accessibility()
        assert self.page.locator(".error-summary").count() == 1

    def sign_in(self, email: str) -> None:
        self.open("/accounts/login/")
        self.page.fill('input[name="login"]', email)
        self.page.fill('input[name="password"]', "assetlink-demo")
        self.page.press('input[name="password"]', "Enter")
        self.page.wait_for_load_state()

    def navigation(self) -> list[str]:
        return [text.strip() for text in self.page.locator(".programme-nav a").all_inner_texts()]

    def close(self) -> None:
        self.context.close()
