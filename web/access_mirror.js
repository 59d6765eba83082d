// The ARIA mirror: the app's access tree (engine/ui/access_tree.h) as real DOM elements a screen reader
// reads, in a region no one sees. The app hands over the tree as JSON after a frame that changed it
// (web/dom_bridge.cpp); elements are kept by key across updates, so the focused one survives a redraw.
//
// Focus goes both ways. Focusing an element (Tab, a screen reader's cursor, element.focus()) moves ImGui's
// keyboard focus to its widget (dojo_access_focus), and ImGui's keyboard focus moving (its arrows or Tab)
// moves the DOM's focus to the widget's element. Keys pressed on an element go on to the app, whose own
// keyboard handling (Space, Enter, the arrows) then acts on the widget that has both focuses; the browser's
// default for them is stopped, so nothing happens twice. A click on an element, which only a screen reader
// or a script can make, presses the widget (dojo_access_activate); a link with an address just follows it.
(function () {
  'use strict';
  const root = document.createElement('div');
  root.id = 'access-mirror';
  document.body.insertBefore(root, document.getElementById('live'));

  // The element for each role that has one; these (and headings, buttons and links with an address)
  // need no role attribute. A <pre> has no implicit role, and code needs none.
  const TAGS = {
    paragraph: 'p', list: 'ul', listitem: 'li', table: 'table', row: 'tr', columnheader: 'th', cell: 'td', code: 'pre',
    navigation: 'nav', main: 'main', figure: 'figure',
  };
  const FOCUSABLE = new Set(['button', 'link', 'checkbox', 'radio', 'slider', 'textbox']);
  const byId = new Map();   // ImGui id -> element
  let kept = new Map();     // key -> element, from the last update
  let focusId = 0;          // ImGui's keyboard focus, as the app last said
  let applying = false;     // our own focus() calls are not requests to the app

  const call = (name, id) => Module.ccall(name, null, ['number'], [id]);

  function tagFor(node) {
    if (node.role === 'heading') return 'h' + Math.min(Math.max(node.level || 2, 1), 6);
    if (node.role === 'link' && node.href) return 'a';
    if (node.role === 'button') return 'button';
    return TAGS[node.role] || 'div';
  }

  // A key for each node that stays while the node stays: widgets by ImGui id, text by role, name and
  // place among siblings with the same role and name.
  function keyOf(node, parentKey, seen) {
    const base = node.id ? 'w' + node.id : parentKey + '/' + node.role + ':' + (node.name || '').slice(0, 80);
    const n = (seen.get(base) || 0) + 1;
    seen.set(base, n);
    return n > 1 ? base + '#' + n : base;
  }

  function setAttr(el, name, value) {
    if (value === undefined || value === null || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, String(value));
    }
  }

  function fill(el, node) {
    const role = node.role;
    const explicitRole = !(role in TAGS) && role !== 'heading' && role !== 'button' && !(role === 'link' && node.href);
    setAttr(el, 'role', explicitRole ? role : null);
    setAttr(el, 'aria-checked', 'checked' in node ? String(node.checked) : null);
    setAttr(el, 'aria-disabled', node.disabled ? 'true' : null);
    setAttr(el, 'aria-expanded', 'expanded' in node ? String(node.expanded) : null);
    setAttr(el, 'aria-current', node.current ? 'page' : null);
    setAttr(el, 'aria-description', node.description || null);
    if (role === 'slider' || role === 'progressbar') {
      setAttr(el, 'aria-valuenow', node.value);
      setAttr(el, 'aria-valuemin', node.min);
      setAttr(el, 'aria-valuemax', node.max);
      setAttr(el, 'aria-valuetext', node.valueText || null);
    }
    if (el.tagName === 'A') {
      setAttr(el, 'href', node.href);
      const external = /^https?:/.test(node.href);
      setAttr(el, 'target', external ? '_blank' : null);
      setAttr(el, 'rel', external ? 'noopener' : null);
    }
    const focusable = FOCUSABLE.has(role) && (node.id || node.href);
    setAttr(el, 'tabindex', focusable && el.tagName !== 'A' && el.tagName !== 'BUTTON' ? 0 : null);
    if (el.tagName === 'BUTTON') setAttr(el, 'type', 'button');
    if (el.dataset.id !== String(node.id || '')) el.dataset.id = node.id || '';
    // A container's name labels it; a leaf's name is its text.
    const container = node.children && node.children.length;
    const labelled = ['radiogroup', 'group', 'figure', 'note', 'table', 'list', 'navigation', 'slider', 'textbox', 'img', 'progressbar']
      .includes(role);
    if (container || labelled) setAttr(el, 'aria-label', node.name || null);
    else setAttr(el, 'aria-label', null);
    return !container && !labelled;
  }

  function build(nodes, parent, parentKey, next) {
    const seen = new Map();
    const wanted = [];
    const oldText = new Map();  // the parent's text nodes by their text, to keep those that stay
    for (const child of parent.childNodes) {
      if (child.nodeType !== 3) continue;
      if (!oldText.has(child.data)) oldText.set(child.data, []);
      oldText.get(child.data).push(child);
    }
    for (const node of nodes) {
      if (node.role === '') {  // a run of text
        const text = node.name || '';
        wanted.push((oldText.get(text) || []).shift() || document.createTextNode(text));
        continue;
      }
      const key = keyOf(node, parentKey, seen);
      let el = kept.get(key);
      const tag = tagFor(node).toUpperCase();
      if (!el || el.tagName !== tag) {
        el = document.createElement(tag);
        el.dataset.key = key;
      }
      next.set(key, el);
      if (node.id) byId.set(node.id, el);
      const leaf = fill(el, node);
      if (node.children && node.children.length) {
        build(node.children, el, key, next);
      } else if (leaf || node.role === 'slider' || node.role === 'textbox') {
        const text = node.role === 'textbox' || node.role === 'slider' ? (node.valueText || '') : (node.name || '');
        if (el.childNodes.length !== 1 || el.firstChild.nodeType !== 3 || el.firstChild.data !== text) el.textContent = text;
      } else if (el.childNodes.length) {
        el.textContent = '';
      }
      wanted.push(el);
    }
    // Remove what went away first, then put the rest in order moving as little as possible: the focused
    // element is never taken out of the document, so it keeps the focus.
    const keep = new Set(wanted);
    for (const child of [...parent.childNodes]) if (!keep.has(child)) child.remove();
    let cursor = parent.firstChild;
    for (const node of wanted) {
      if (node === cursor) { cursor = cursor.nextSibling; continue; }
      parent.insertBefore(node, cursor);
    }
  }

  Module.dojoAccessMirror = (json) => {
    const tree = JSON.parse(json);
    byId.clear();
    const next = new Map();
    build(tree.nodes, root, '', next);
    kept = next;
    focusId = tree.focus || 0;
    // ImGui's keyboard focus moved (its Tab or arrows): the DOM's follows, unless the learner is typing in
    // the page's own text input or the focus is somewhere else on the page altogether.
    const active = document.activeElement;
    const ours = active === Module.canvas || root.contains(active) || active === document.body;
    const el = focusId && byId.get(focusId);
    if (el && ours && active !== el) {
      applying = true;
      el.focus({ preventScroll: true });
      applying = false;
    }
  };

  root.addEventListener('focusin', (e) => {
    if (applying) return;
    const id = Number(e.target.dataset && e.target.dataset.id);
    if (id && id !== focusId) call('dojo_access_focus', id);
  });
  root.addEventListener('keydown', (e) => {
    // Tab is the browser's: it moves the DOM's focus to the next element of the mirror (ImGui's own Tab
    // only visits text fields), and the app does not hear it. The app answers Enter, Space and the arrows
    // itself (its keyboard focus is on the same widget); the browser's own answer (clicking the button,
    // scrolling) would be a second one.
    if (e.key === 'Tab') e.stopPropagation();
    else if (e.key === 'Enter' || e.key === ' ' || e.key.startsWith('Arrow')) e.preventDefault();
  });
  root.addEventListener('click', (e) => {
    const el = e.target.closest('[data-id]');
    if (!el || !root.contains(el)) return;
    if (el.tagName === 'A' && el.getAttribute('href')) return;  // the address is the action
    e.preventDefault();
    const id = Number(el.dataset.id);
    if (id) call('dojo_access_activate', id);
  });
})();
