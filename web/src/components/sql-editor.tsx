/**
 * CodeMirror 6 SQL editor: highlighting, keyword/table/column completion (nested fields as dotted
 * paths), Ctrl/⌘+Enter runs. The parent reads and writes the text through `viewRef`.
 */
import { useEffect, useRef, type RefObject } from 'react';
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { sql } from '@codemirror/lang-sql';
import { DuckDB } from './duckdb-dialect';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

/** table name → column names (dotted paths for nested fields). */
export type SqlSchema = Record<string, string[]>;

interface Props {
  initial: string;
  schema: SqlSchema;
  onRun: () => void;
  onChange?: (text: string) => void;
  viewRef: RefObject<EditorView | null>;
}

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--bg-editor)', color: 'var(--fg)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--accent)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-editor)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--row-hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--fg)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-cursor': { borderLeftColor: 'var(--accent)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    border: '1px solid var(--border)',
    color: 'var(--fg)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--accent-bg)',
    color: 'var(--fg)',
  },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-scroller': { overflow: 'auto' },
});

/** Columns of the tables named after FROM/JOIN (all tables when none is named yet), dotted paths included. */
function columnSource(getSchema: () => SqlSchema) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/[\w.]+/);
    if (!word && !ctx.explicit) return null;
    const schema = getSchema();
    const text = ctx.state.doc.toString();
    const named = [...text.matchAll(/\b(?:from|join)\s+"?([\w.]+)"?/gi)]
      .map((m) => m[1]!)
      .filter((t) => t in schema);
    const tables = named.length ? named : Object.keys(schema);
    const seen = new Set<string>();
    const options = [];
    for (const t of tables) {
      for (const c of schema[t] ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        options.push({ label: c, type: 'property', detail: t, boost: c.includes('.') ? -1 : 0 });
      }
    }
    return { from: word ? word.from : ctx.pos, options, validFor: /^[\w.]*$/ };
  };
}

export function SqlEditor({ initial, schema, onRun, onChange, viewRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const runRef = useRef(onRun);
  const changeRef = useRef(onChange);
  const schemaRef = useRef(schema);
  const langConf = useRef(new Compartment());
  runRef.current = onRun;
  changeRef.current = onChange;
  schemaRef.current = schema;

  useEffect(() => {
    const lang = sql({ dialect: DuckDB, schema: schemaRef.current, upperCaseKeywords: true });
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: (v) => {
                  closeCompletion(v);
                  runRef.current();
                  return true;
                },
              },
            ]),
          ),
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ activateOnTyping: true, maxRenderedOptions: 80, icons: false }),
          langConf.current.of(lang),
          DuckDB.language.data.of({ autocomplete: columnSource(() => schemaRef.current) }),
          syntaxHighlighting(classHighlighter),
          placeholder('SELECT * FROM <table> LIMIT 100   — Ctrl/⌘+Enter to run'),
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...completionKeymap,
            indentWithTab,
          ]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current?.(u.state.doc.toString());
          }),
          editorTheme,
          EditorView.contentAttributes.of({ 'data-testid': 'sql-editor', 'aria-label': 'SQL editor' }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The editor is created once; later `initial` values are applied through viewRef.
  }, []);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: langConf.current.reconfigure(sql({ dialect: DuckDB, schema, upperCaseKeywords: true })),
    });
  }, [schema, viewRef]);

  return <div className="editor" ref={host} />;
}

export function setEditorText(view: EditorView | null, text: string): void {
  if (!view) return;
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: text.length },
  });
  view.focus();
}

export function insertAtCursor(view: EditorView | null, text: string): void {
  if (!view) return;
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
  view.focus();
}
