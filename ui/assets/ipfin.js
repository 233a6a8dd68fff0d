// ipfin's page behaviour, installed once per browser tab (this file is ipfin's own code; no text
// from a document or a user is ever part of it). It handles, by event delegation:
//  - a click on an answer's [n] (a.ipfin-cite): open that source card and scroll to it;
//  - a click on a copy button (button.ipfin-copy): put the answer on the clipboard;
//  - on a narrow screen, a click on a page in the sidebar: close the sidebar;
// and offers window.__ipfin.scrollTo(id): bring the start of a new answer to the top.
(function () {
  const w = window;
  if (w.__ipfin) return;
  const ipfin = (w.__ipfin = {});
  const NARROW = 768;

  function pane(el) {
    for (let p = el && el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if ((s.overflowY === "auto" || s.overflowY === "scroll") && p.scrollHeight > p.clientHeight) return p;
    }
    return document.scrollingElement;
  }

  // The app's header floats over the top of the pane (on a phone it holds the menu button).
  function headerBottom() {
    const header = document.querySelector('[data-testid="stHeader"]');
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  function bringToTop(el, smooth) {
    const box = pane(el);
    const offset = Math.max(box.getBoundingClientRect().top, headerBottom()) + 8;
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - (offset - box.getBoundingClientRect().top);
    box.scrollTo({ top: Math.max(0, top), behavior: smooth ? "smooth" : "auto" });
  }

  function openCard(id) {
    const target = document.getElementById(id);
    if (!target) return;
    const card = target.closest("details") || target;
    if (card.tagName === "DETAILS") card.open = true;
    bringToTop(card, true);
    card.classList.add("ipfin-flash");
    setTimeout(() => card.classList.remove("ipfin-flash"), 1500);
  }

  function copyText(text) {
    if (navigator.clipboard && w.isSecureContext) return navigator.clipboard.writeText(text);
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function closeSidebar() {
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (button) button.click();
  }

  document.addEventListener(
    "click",
    function (ev) {
      const t = ev.target;
      if (!t || !t.closest) return;
      const cite = t.closest("a.ipfin-cite");
      if (cite) {
        ev.preventDefault();
        openCard(cite.getAttribute("href").slice(1));
        return;
      }
      const copy = t.closest("button.ipfin-copy");
      if (copy) {
        ev.preventDefault();
        const label = copy.getAttribute("data-label");
        copyText(copy.getAttribute("data-copy") || "").then(
          () => (copy.textContent = copy.getAttribute("data-done")),
          () => (copy.textContent = copy.getAttribute("data-failed"))
        );
        setTimeout(() => (copy.textContent = label), 2000);
        return;
      }
      if (t.closest('[data-testid="stSidebarNav"] a') && w.innerWidth < NARROW) setTimeout(closeSidebar, 60);
    },
    true
  );

  // Streamlit's chat keeps its pane scrolled to the bottom while content arrives; after an
  // answer, move its start to the top, and keep it there while the last elements render,
  // unless the reader scrolls meanwhile.
  ipfin.scrollTo = function (id) {
    let touched = false;
    const stop = () => (touched = true);
    ["wheel", "touchstart", "keydown", "mousedown"].forEach((e) => w.addEventListener(e, stop, { once: true, passive: true }));
    let tries = 0;
    const step = () => {
      if (touched) return;
      const el = document.getElementById(id);
      if (!el) {
        if (tries++ < 60) setTimeout(step, 50);
        return;
      }
      // The question above the answer goes to the top, unless that would push the start of
      // the answer off the screen (a very long question).
      const answer = el.closest('[data-testid="stChatMessage"]') || el;
      const messages = Array.from(document.querySelectorAll('[data-testid="stChatMessage"]'));
      const question = messages[messages.indexOf(answer) - 1];
      const fits = question && answer.getBoundingClientRect().top - question.getBoundingClientRect().top < w.innerHeight / 3;
      bringToTop(fits ? question : answer, false);
    };
    // On a busy machine the last elements can render (and Streamlit scroll to the bottom)
    // seconds later: keep correcting for 5 s; `settling` tells a waiting test when it is over.
    const times = [0, 120, 300, 600, 1000, 1600, 2400, 3500, 5000];
    ipfin.settling = (ipfin.settling || 0) + 1;
    times.forEach((ms, i) =>
      setTimeout(() => {
        step();
        if (i === times.length - 1) ipfin.settling -= 1;
      }, ms)
    );
  };
})();
