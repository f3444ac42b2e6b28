/**
 * A small syntax highlighter for the languages of the benchmark's frameworks (JavaScript and
 * TypeScript, Python, Go, PHP, Ruby, Rust) and the files around them (JSON, YAML/TOML, SQL,
 * shell). It splits text into tokens — comments, strings, numbers, keywords, names before "(" —
 * which the page turns into text nodes inside spans; it never produces HTML itself.
 */

export type TokenKind = 'plain' | 'kw' | 'str' | 'com' | 'num' | 'fn' | 'var' | 'meta';

export interface Token {
  kind: TokenKind;
  text: string;
}

interface Lang {
  keywords: ReadonlySet<string>;
  line: readonly string[];
  block: readonly (readonly [string, string])[];
  quotes: readonly string[];
  /** quotes whose strings may span lines (`, Python's triple quotes) */
  multiline: readonly string[];
  /** `$name` is a variable (PHP, shell) */
  dollarVars?: boolean;
  /** `@decorator` / `#[attr]` */
  meta?: RegExp;
  /** Rust: a quote starts a char literal only when it closes right after */
  charQuote?: boolean;
  caseInsensitive?: boolean;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const JS = words(`async await break case catch class const continue debugger default delete do else export extends
  finally for from function get if import in instanceof let new of return set static super switch this throw try typeof
  var void while with yield true false null undefined require module exports interface type enum implements private
  public protected readonly abstract as declare namespace keyof`);
const PY = words(`and as assert async await break class continue def del elif else except False finally for from
  global if import in is lambda None nonlocal not or pass raise return True try while with yield self`);
const GO = words(`break case chan const continue default defer else fallthrough for func go goto if import interface
  map package range return select struct switch type var nil true false iota string int int64 error bool byte`);
const PHP = words(`abstract and array as break callable case catch class clone const continue declare default do echo
  else elseif empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn for foreach function
  global if implements include include_once instanceof insteadof interface isset list match namespace new null or print
  private protected public readonly require require_once return static switch throw trait try unset use var while
  yield true false`);
const RB = words(`alias and begin break case class def defined? do else elsif end ensure false for if in module next
  nil not or redo rescue retry return self super then true undef unless until when while yield require attr_accessor
  private protected public`);
const RS = words(`as async await break const continue crate dyn else enum extern false fn for if impl in let loop
  match mod move mut pub ref return self Self static struct super trait true type unsafe use where while Some None Ok Err`);
const SQL = words(`select from where insert into values update set delete create table if not exists primary key
  integer text real blob null and or order by group limit offset join left inner on as unique references default
  autoincrement drop alter index`);
const SH = words(`if then else elif fi for while do done case esac in function return export local echo exit`);

const LANGS: Record<string, Lang> = {
  js: { keywords: JS, line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'], multiline: ['`'] },
  py: {
    keywords: PY,
    line: ['#'],
    block: [],
    quotes: ['"""', "'''", '"', "'"],
    multiline: ['"""', "'''"],
    meta: /^@[A-Za-z_][\w.]*/,
  },
  go: { keywords: GO, line: ['//'], block: [['/*', '*/']], quotes: ['"', '`', "'"], multiline: ['`'] },
  php: {
    keywords: PHP,
    line: ['//', '#'],
    block: [['/*', '*/']],
    quotes: ['"', "'"],
    multiline: ['"', "'"],
    dollarVars: true,
  },
  rb: { keywords: RB, line: ['#'], block: [['=begin', '=end']], quotes: ['"', "'"], multiline: ['"', "'"] },
  rs: {
    keywords: RS,
    line: ['//'],
    block: [['/*', '*/']],
    quotes: ['"', "'"],
    multiline: ['"'],
    meta: /^#!?\[[^\]\n]*\]/,
    charQuote: true,
  },
  json: { keywords: words('true false null'), line: [], block: [], quotes: ['"'], multiline: [] },
  yaml: { keywords: words('true false null yes no'), line: ['#'], block: [], quotes: ['"', "'"], multiline: [] },
  sql: {
    keywords: SQL,
    line: ['--'],
    block: [['/*', '*/']],
    quotes: ["'", '"'],
    multiline: ["'"],
    caseInsensitive: true,
  },
  sh: { keywords: SH, line: ['#'], block: [], quotes: ['"', "'"], multiline: ['"', "'"], dollarVars: true },
};

/** The language of a file, by its name; undefined for plain text. */
export function languageOf(file: string): string | undefined {
  const base = file.split('/').pop() ?? file;
  if (/^(Gemfile|Rakefile|config\.ru)$/.test(base)) return 'rb';
  if (/^Dockerfile$/.test(base)) return 'sh';
  const ext = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase();
  switch (ext) {
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
    case 'ts':
    case 'tsx':
      return 'js';
    case 'py':
      return 'py';
    case 'go':
      return 'go';
    case 'php':
      return 'php';
    case 'rb':
    case 'rake':
      return 'rb';
    case 'rs':
      return 'rs';
    case 'json':
      return 'json';
    case 'yaml':
    case 'yml':
    case 'toml':
    case 'lock':
    case 'mod':
      return 'yaml';
    case 'sql':
      return 'sql';
    case 'sh':
    case 'bash':
      return 'sh';
    default:
      return undefined;
  }
}

const IDENT = /^[A-Za-z_$][\w$]*[?!]?/;
const NUMBER = /^(0[xX][\da-fA-F_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?)[a-zA-Z]*/;

/** Splits code into tokens; the concatenated texts always equal the input. */
export function tokenize(code: string, lang: string | undefined): Token[] {
  const L = lang ? LANGS[lang] : undefined;
  if (!L) return [{ kind: 'plain', text: code }];
  const out: Token[] = [];
  let plain = '';
  const push = (kind: TokenKind, text: string): void => {
    if (kind === 'plain') {
      plain += text;
      return;
    }
    if (plain) out.push({ kind: 'plain', text: plain });
    plain = '';
    out.push({ kind, text });
  };
  let i = 0;
  const n = code.length;
  const rest = (s: string, at: number): boolean => code.startsWith(s, at);
  outer: while (i < n) {
    for (const c of L.line) {
      if (rest(c, i)) {
        const end = code.indexOf('\n', i);
        const j = end === -1 ? n : end;
        push('com', code.slice(i, j));
        i = j;
        continue outer;
      }
    }
    for (const [a, b] of L.block) {
      if (rest(a, i)) {
        const end = code.indexOf(b, i + a.length);
        const j = end === -1 ? n : end + b.length;
        push('com', code.slice(i, j));
        i = j;
        continue outer;
      }
    }
    for (const q of L.quotes) {
      if (!rest(q, i)) continue;
      if (L.charQuote && q === "'") {
        const m = /^'(\\.[^']{0,8}|[^'\\\n])'/.exec(code.slice(i, i + 12));
        if (!m) break;
        push('str', m[0]);
        i += m[0].length;
        continue outer;
      }
      const multi = L.multiline.includes(q);
      let j = i + q.length;
      while (j < n) {
        if (code[j] === '\\') {
          j += 2;
          continue;
        }
        if (rest(q, j)) {
          j += q.length;
          break;
        }
        if (!multi && code[j] === '\n') break;
        j++;
      }
      push('str', code.slice(i, Math.min(j, n)));
      i = Math.min(j, n);
      continue outer;
    }
    const ch = code[i]!;
    const tail = code.slice(i, i + 200);
    if (L.meta && (ch === '@' || ch === '#')) {
      const m = L.meta.exec(tail);
      if (m) {
        push('meta', m[0]);
        i += m[0].length;
        continue;
      }
    }
    if (L.dollarVars && ch === '$') {
      const m = /^\$\{?[A-Za-z_]\w*\}?/.exec(tail);
      if (m) {
        push('var', m[0]);
        i += m[0].length;
        continue;
      }
    }
    if (/[0-9]/.test(ch) && !/[\w$]/.test(code[i - 1] ?? ' ')) {
      const m = NUMBER.exec(tail);
      if (m?.[0]) {
        push('num', m[0]);
        i += m[0].length;
        continue;
      }
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const m = IDENT.exec(tail)!;
      const w = m[0];
      const key = L.caseInsensitive ? w.toLowerCase() : w;
      if (L.keywords.has(key)) push('kw', w);
      else if (/^\s*\(/.test(code.slice(i + w.length, i + w.length + 8))) push('fn', w);
      else push('plain', w);
      i += w.length;
      continue;
    }
    push('plain', ch);
    i++;
  }
  if (plain) out.push({ kind: 'plain', text: plain });
  return out;
}
