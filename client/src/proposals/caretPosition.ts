/** Where character `index` of an <input> or <textarea> sits, relative to its border box. */
const COPIED = [
  'boxSizing',
  'width',
  'height',
  'overflowX',
  'overflowY',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderStyle',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'fontStretch',
  'fontSize',
  'lineHeight',
  'fontFamily',
  'textAlign',
  'textTransform',
  'textIndent',
  'letterSpacing',
  'wordSpacing',
  'tabSize',
] as const;

export function caretCoordinates(
  element: HTMLInputElement | HTMLTextAreaElement,
  index: number,
): { top: number; left: number; height: number } {
  const style = getComputedStyle(element);
  const mirror = document.createElement('div');
  for (const name of COPIED) mirror.style[name] = style[name];
  const single = element instanceof HTMLInputElement;
  Object.assign(mirror.style, {
    position: 'absolute',
    visibility: 'hidden',
    top: '0',
    left: '-9999px',
    overflow: 'hidden',
    whiteSpace: single ? 'pre' : 'pre-wrap',
    overflowWrap: single ? 'normal' : 'break-word',
  });
  const value = element.value;
  mirror.textContent = value.slice(0, index);
  const marker = document.createElement('span');
  marker.textContent = value.slice(index) || '.';
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const fontSize = parseFloat(style.fontSize) || 16;
  const height = parseFloat(style.lineHeight) || fontSize * 1.3;
  const borderTop = parseFloat(style.borderTopWidth) || 0;
  const borderLeft = parseFloat(style.borderLeftWidth) || 0;
  const top = single
    ? borderTop + (element.clientHeight - height) / 2
    : marker.offsetTop + borderTop - element.scrollTop;
  const left = marker.offsetLeft + borderLeft - element.scrollLeft;
  mirror.remove();
  return { top, left, height };
}
