/**
 * DOM building for the report page. Text always goes in as text nodes (never as HTML): code,
 * logs and app output in a report were written by models and by the apps they wrote.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | undefined | null | ((e: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, AttrValue> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c as readonly Child[]);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** A container holding SVG text made by charts.ts (whose every label is escaped). */
export function svgBox(svg: string, cls: string): HTMLElement {
  const div = h('div', { class: `chart-box ${cls}` });
  div.innerHTML = svg;
  return div;
}

/** A link inside the page (hash routing works from file://). */
export function link(route: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: `#${route}` }, ...children);
}

export function enc(s: string | number): string {
  return encodeURIComponent(String(s));
}
