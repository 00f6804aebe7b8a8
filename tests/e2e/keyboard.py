"""Driving a page with the keyboard alone: Tab, Shift+Tab, Enter, Space and typing.

Every step checks what a keyboard user relies on: the focus is visible, it moves in document
order (no positive tabindex, no jumps back), and it reaches what the user is looking for.
Journeys call `tab_to(name)`, `type_text(...)`, `press_enter()`, `press_space()`.
"""

from dataclasses import dataclass

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const clean = s => (s || '').replace(/\\s+/g, ' ').trim();
  const name = clean(el.getAttribute('aria-label'))
    || (el.labels && el.labels.length ? clean(el.labels[0].innerText) : '')
    || clean(el.innerText) || clean(el.value) || clean(el.getAttribute('title'));
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    name: name,
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') || '',
    position: Array.prototype.indexOf.call(document.getElementsByTagName('*'), el),
    in_main: !!el.closest('main'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    on_screen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.left < window.innerWidth,
  };
}"""
POSITIVE_TABINDEX = """() => [...document.querySelectorAll('[tabindex]')]
  .filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 80))"""


@dataclass
class Focus:
    name: str
    tag: str
    type: str
    position: int
    in_main: bool
    outline: bool
    shadow: bool
    on_screen: bool

    @property
    def is_visible(self) -> bool:
        return (self.outline or self.shadow) and self.on_screen


class Keyboard:
    """One person's keyboard on one page at a time; `trail` is every element focus passed."""

    def __init__(self, page, max_steps: int = 60):
        self.page = page
        self.max_steps = max_steps
        self.trail: list[str] = []
        self.last: Focus | None = None

    def focused(self) -> Focus | None:
        found = self.page.evaluate(FOCUSED)
        return Focus(**found) if found else None

    def new_page(self) -> None:
        """After a navigation the order starts again; a page with a positive tabindex fails."""
        self.page.wait_for_load_state("domcontentloaded")
        self.last = None
        jumps = self.page.evaluate(POSITIVE_TABINDEX)
        assert not jumps, f"positive tabindex breaks the order on {self.page.url}: {jumps}"

    def tab(self, backwards: bool = False) -> Focus:
        self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focus = self.focused()
        assert focus is not None, f"focus left the page on {self.page.url} after {self.trail[-12:]}"
        where = f"{focus.tag} {focus.name!r} on {self.page.url}"
        assert focus.is_visible, f"focus is not visible on {where}"
        if self.last is not None:
            moved_on = focus.position < self.last.position if backwards else focus.position > self.last.position
            assert moved_on, f"focus jumped out of order from {self.last.name!r} to {where}"
        self.last = focus
        self.trail.append(focus.name)
        return focus

    def tab_to(self, name: str, backwards: bool = False, exact: bool = False) -> Focus:
        """Press Tab (or Shift+Tab) until the focused element's accessible name is `name`."""
        for _ in range(self.max_steps):
            focus = self.tab(backwards)
            if focus.name == name or (not exact and focus.name.startswith(name)):
                return focus
        raise AssertionError(f"{name!r} not reached with the keyboard on {self.page.url}; passed {self.trail}")

    def type_text(self, text: str) -> None:
        self.page.keyboard.type(text)

    def fill(self, label: str, text: str) -> None:
        """Tab to a field and type into it, as a keyboard user does."""
        focus = self.last if self.last and self.last.name == label else self.tab_to(label, exact=True)
        assert focus.tag in ("input", "textarea", "select"), f"{label!r} is a {focus.tag}, not a field"
        self.type_text(text)

    def press_enter(self, navigates: bool = False) -> None:
        """Enter; when it follows a link or sends a form, wait for the next page and start its order."""
        if not navigates:
            self.page.keyboard.press("Enter")
            return
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.new_page()

    def press_space(self) -> None:
        self.page.keyboard.press(" ")

    def activate(self, name: str, backwards: bool = False) -> None:
        """Tab to a link or button and press Enter; the next page starts a new order."""
        self.tab_to(name, backwards=backwards)
        self.press_enter(navigates=True)

    def follow(self, name: str) -> None:
        """Like `activate`, but when the focus already rests on `name` (the skip link put it there), Enter
        alone follows it."""
        if self.last is None or not self.last.name.startswith(name):
            self.tab_to(name)
        self.press_enter(navigates=True)

    def skip_to_content(self) -> None:
        """The first Tab on a page reaches the skip link; Enter puts the focus in the main content."""
        self.new_page()
        focus = self.tab()
        assert focus.name == "Naar de inhoud", f"the first Tab reaches {focus.name!r}, not the skip link"
        self.press_enter()
        in_main = self.page.evaluate("() => !!document.activeElement.closest('main')")
        assert in_main, "the skip link does not move the focus into the main content"
        self.last = None
        focus = self.tab()
        assert focus.in_main, f"after the skip link, Tab reaches {focus.name!r} outside the main content"
