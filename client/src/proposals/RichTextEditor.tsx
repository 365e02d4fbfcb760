import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { TextFragmentName } from '@cocon/shared';
import type { CollabUser } from './collab';
import { decodePosition, encodePosition } from './textDiff';
import { CommentIcon } from './icons';

export interface TextSelectionAnchor {
  kind: 'text';
  fragment: TextFragmentName;
  start: string;
  end: string;
  quote: string;
}

/** Yjs relative positions of the editor's selection, base64'd for a comment anchor. */
function selectionAnchor(editor: Editor, fragment: TextFragmentName): TextSelectionAnchor | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const ystate = ySyncPluginKey.getState(editor.state) as
    { type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null } | undefined;
  if (!ystate?.binding) return null;
  const start = absolutePositionToRelativePosition(from, ystate.type, ystate.binding.mapping as never);
  const end = absolutePositionToRelativePosition(to, ystate.type, ystate.binding.mapping as never);
  const quote = editor.state.doc.textBetween(from, to, ' ').slice(0, 500);
  return { kind: 'text', fragment, start: encodePosition(start), end: encodePosition(end), quote };
}

/** Selects the text a comment is anchored to, if it still exists. */
export function selectAnchor(editor: Editor | null, start: string, end: string): boolean {
  if (!editor) return false;
  const ystate = ySyncPluginKey.getState(editor.state) as
    { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null } | undefined;
  const a = decodePosition(start);
  const b = decodePosition(end);
  if (!ystate?.binding || !a || !b) return false;
  const from = relativePositionToAbsolutePosition(
    ystate.doc,
    ystate.type,
    a,
    ystate.binding.mapping as never,
  );
  const to = relativePositionToAbsolutePosition(ystate.doc, ystate.type, b, ystate.binding.mapping as never);
  if (from === null || to === null) return false;
  editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
  return true;
}

/**
 * One rich-text part of the proposal (context or description), bound to its Y.XmlFragment.
 * Others' carets carry their names. Read-only for commenters, share links and versions.
 */
export function RichTextEditor({
  doc,
  fragment,
  label,
  provider,
  user,
  editable,
  onCommentSelection,
  onEditor,
}: {
  doc: Y.Doc;
  fragment: TextFragmentName;
  label: string;
  /** Live documents show carets; a version has no provider. */
  provider: WebsocketProvider | null;
  user: CollabUser;
  editable: boolean;
  onCommentSelection: ((anchor: TextSelectionAnchor) => void) | null;
  onEditor?: (fragment: TextFragmentName, editor: Editor | null) => void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const editor = useEditor(
    {
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false, codeBlock: false, horizontalRule: false }),
        Collaboration.configure({ document: doc, field: fragment }),
        ...(provider ? [CollaborationCaret.configure({ provider, user })] : []),
      ],
      editorProps: {
        attributes: {
          class: 'rich-text-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'data-fragment': fragment,
        },
      },
    },
    [doc, fragment, provider],
  );

  useEffect(() => {
    editor.setEditable(editable);
    editor.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, editable]);

  useEffect(() => {
    onEditor?.(fragment, editor);
    return () => onEditor?.(fragment, null);
  }, [editor, fragment, onEditor]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      hasSelection: !e.state.selection.empty,
    }),
  });

  const tool = (name: string, active: boolean, run: () => void, shortcut?: string) => (
    <button
      type="button"
      className="rt-button"
      aria-pressed={active}
      title={shortcut ? `${name} (${shortcut})` : name}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {name}
    </button>
  );

  return (
    <div className={`rich-text${editable ? '' : ' is-readonly'}`}>
      <div className="rich-text-head">
        <h3 id={labelId} className="rich-text-label">
          {label}
        </h3>
        {onCommentSelection && (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={!state.hasSelection}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const anchor = selectionAnchor(editor, fragment);
              if (anchor) onCommentSelection(anchor);
            }}
          >
            <CommentIcon /> {t('proposals.commentSelection')}
          </button>
        )}
      </div>
      {editable && (
        <div
          className="rich-text-toolbar"
          role="toolbar"
          aria-label={t('proposals.formatting', { field: label })}
        >
          {tool(t('proposals.bold'), state.bold, () => editor.chain().focus().toggleBold().run(), 'Ctrl+B')}
          {tool(
            t('proposals.italic'),
            state.italic,
            () => editor.chain().focus().toggleItalic().run(),
            'Ctrl+I',
          )}
          {tool(t('proposals.heading'), state.heading, () =>
            editor.chain().focus().toggleHeading({ level: 3 }).run(),
          )}
          {tool(t('proposals.bulletList'), state.bullet, () =>
            editor.chain().focus().toggleBulletList().run(),
          )}
          {tool(t('proposals.orderedList'), state.ordered, () =>
            editor.chain().focus().toggleOrderedList().run(),
          )}
        </div>
      )}
      <EditorContent editor={editor} className="rich-text-box" />
    </div>
  );
}
