import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { caretCoordinates } from './caretPosition';
import { useFieldsContext } from './FieldsContext';
import { absoluteCaret, applyTextChange, diffText, relativeCaret } from './textDiff';
import { CommentIcon } from './icons';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

/** The caret flag stays small over the text: first word of the name (the label keeps it whole). */
const shortName = (name: string): string => name.split(/[\s—–-]+/).find(Boolean) ?? name;

/** Where another person's caret is now: their relative position, else the offset they sent. */
function peerIndex(ytext: Y.Text | null, mark: HTMLElement): number {
  const fallback = Number(mark.dataset.caretIndex) || 0;
  const rel = mark.dataset.caretRel;
  if (!ytext?.doc || !rel) return fallback;
  try {
    const position = Y.createRelativePositionFromJSON(JSON.parse(rel));
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, ytext.doc);
    return absolute && absolute.type === ytext ? absolute.index : fallback;
  } catch {
    return fallback;
  }
}

/**
 * An <input> or <textarea> bound to a Y.Text: what the person types becomes the smallest
 * delete/insert on the shared text, so two people typing in one field merge; what others type
 * comes in without moving the local caret (kept as a Yjs relative position). Others' carets in
 * this field show as named marks.
 */
export function CollabText({
  ytext,
  path,
  label,
  multiline = false,
  rows = 2,
  hint,
  hideLabel = false,
  className,
}: {
  ytext: Y.Text | null;
  path: string;
  label: string;
  multiline?: boolean;
  rows?: number;
  hint?: ReactNode;
  hideLabel?: boolean;
  className?: string;
}) {
  const { readOnly, peers, publishFocus } = useFieldsContext();
  const id = useId();
  const hintId = `${id}-hint`;
  const ref = useRef<TextElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const origin = useRef({});
  const selection = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | null>(null);
  const composing = useRef(false);
  const [remoteVersion, setRemoteVersion] = useState(0);
  const here = peers.filter((peer) => peer.field?.path === path);

  useEffect(() => {
    const element = ref.current;
    if (!element || !ytext) return;
    element.value = ytext.toString();
    const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin.current) return;
      const value = ytext.toString();
      if (element.value !== value) {
        const focused = document.activeElement === element;
        const start = element.selectionStart ?? 0;
        const end = element.selectionEnd ?? 0;
        element.value = value;
        if (focused) {
          const kept = selection.current;
          element.setSelectionRange(
            absoluteCaret(ytext, kept?.start ?? null, start),
            absoluteCaret(ytext, kept?.end ?? null, end),
          );
        }
      }
      setRemoteVersion((v) => v + 1);
    };
    ytext.observe(onRemote);
    return () => ytext.unobserve(onRemote);
  }, [ytext]);

  // Others' carets: positioned by hand after each render (text, size or scroll may have moved).
  useLayoutEffect(() => {
    const element = ref.current;
    const box = wrapper.current;
    if (!element || !box) return;
    const place = () => {
      for (const mark of box.querySelectorAll<HTMLElement>('[data-caret-index]')) {
        const index = Math.min(peerIndex(ytext, mark), element.value.length);
        const { top, left, height } = caretCoordinates(element, index);
        const visible =
          left >= 0 && left <= element.clientWidth + 2 && top >= -2 && top <= element.clientHeight;
        mark.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
        mark.style.height = `${Math.round(height)}px`;
        mark.style.visibility = visible ? 'visible' : 'hidden';
      }
    };
    place();
    element.addEventListener('scroll', place);
    element.addEventListener('input', place);
    window.addEventListener('resize', place);
    return () => {
      element.removeEventListener('scroll', place);
      element.removeEventListener('input', place);
      window.removeEventListener('resize', place);
    };
  }, [here, remoteVersion, ytext]);

  const remember = () => {
    const element = ref.current;
    if (!element || !ytext || document.activeElement !== element) return;
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? start;
    selection.current = { start: relativeCaret(ytext, start), end: relativeCaret(ytext, end) };
    const index = element.selectionDirection === 'backward' ? start : end;
    publishFocus({ path, index, rel: Y.relativePositionToJSON(relativeCaret(ytext, index)) });
  };

  const commit = () => {
    const element = ref.current;
    if (!element || !ytext || readOnly) return;
    const change = diffText(ytext.toString(), element.value, element.selectionEnd ?? element.value.length);
    if (change) applyTextChange(ytext, change, origin.current);
    remember();
  };

  const common = {
    id,
    className: 'input',
    readOnly: readOnly || !ytext,
    'aria-describedby': hint ? hintId : undefined,
    'data-path': path,
    onInput: () => {
      if (!composing.current) commit();
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
      commit();
    },
    onFocus: remember,
    onSelect: remember,
    onKeyUp: remember,
    onClick: remember,
    onBlur: () => publishFocus(null),
  };

  return (
    <div className={`collab-field${here.length > 0 ? ' is-shared' : ''} ${className ?? ''}`}>
      <FieldHead htmlFor={id} path={path} label={label} hideLabel={hideLabel} />
      <div className="collab-input" ref={wrapper}>
        {multiline ? (
          <textarea ref={ref as React.Ref<HTMLTextAreaElement>} rows={rows} {...common} />
        ) : (
          <input ref={ref as React.Ref<HTMLInputElement>} type="text" autoComplete="off" {...common} />
        )}
        {here.map((peer) =>
          peer.field ? (
            <span
              key={peer.clientId}
              className="remote-caret"
              data-caret-index={peer.field.index}
              data-caret-rel={peer.field.rel ? JSON.stringify(peer.field.rel) : undefined}
              style={{ borderColor: peer.user.color }}
              aria-hidden="true"
              data-testid="remote-caret"
            >
              <span className="remote-caret-name" style={{ backgroundColor: peer.user.color }}>
                {shortName(peer.user.name)}
              </span>
            </span>
          ) : null,
        )}
      </div>
      {hint && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}

/** A field's label, who else is in it, and its comment button. */
export function FieldHead({
  htmlFor,
  path,
  label,
  hideLabel = false,
  as = 'label',
  id,
}: {
  htmlFor?: string;
  path: string;
  label: string;
  hideLabel?: boolean;
  /** 'span' (with an id) names a role="group" of checkboxes or inputs. */
  as?: 'label' | 'span';
  id?: string;
}) {
  const { t } = useTranslation();
  const { peers, onComment, commentCounts } = useFieldsContext();
  const here = peers.filter((peer) => peer.field?.path === path);
  const threads = commentCounts.get(path) ?? 0;
  const labelClass = hideLabel ? 'visually-hidden' : undefined;
  return (
    <div className="collab-field-head">
      {as === 'label' ? (
        <label htmlFor={htmlFor} className={labelClass}>
          {label}
        </label>
      ) : (
        <span id={id} className={`field-label ${labelClass ?? ''}`}>
          {label}
        </span>
      )}
      {here.map((peer) => (
        <span
          key={peer.clientId}
          className="peer-tag"
          style={{ backgroundColor: peer.user.color }}
          data-testid="peer-in-field"
        >
          <span className="visually-hidden">{t('proposals.peerTyping')} </span>
          {peer.user.name}
        </span>
      ))}
      {onComment && (
        <button
          type="button"
          className="field-comment"
          onClick={() => onComment(path)}
          aria-label={t('proposals.commentOn', { field: label, count: threads })}
        >
          <CommentIcon />
          {threads > 0 && <span aria-hidden="true">{threads}</span>}
        </button>
      )}
    </div>
  );
}
