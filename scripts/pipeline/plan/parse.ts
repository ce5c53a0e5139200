/**
 * Parser for the official plan text as delivered (data/plan/*.zh.txt): the notice that issues the plan,
 * then 12 chapters (一、…), their sections (（一）…) and 120 numbered articles (`N.标题。正文`).
 *
 * Every structural rule is checked; a broken text throws a DataError naming the file, the 1-based line
 * and the rule, so a failing build says exactly what to fix. Nothing is dropped or repaired silently:
 * the two known quirks of the delivered file are recognised and recorded in the result.
 */
import { DataError } from '../../../src/lib/data/data-error';
import type { Article, Chapter, Plan } from '../../../src/lib/plan/schema';

export const EXPECTED_CHAPTERS = 12;
export const EXPECTED_ARTICLES = 120;

/** A chapter as read from the text, before its English title is merged in. */
export type ParsedChapter = Omit<Chapter, 'title_en'>;
/** An article as read from the text, before its English title and summary are merged in. */
export type ParsedArticle = Omit<Article, 'title_en' | 'summary_en'>;

/** The news lead that precedes the notice in the delivered file: recognised, recorded, kept out of the plan. */
export interface SkippedLead {
  line: number;
  text_zh: string;
  /** The article whose opening words the lead repeats. */
  repeats_article: number;
}

/** A word-processor marker removed from a line (e.g. `[bookmark: _GoBack]`). */
export interface StrippedMarker {
  line: number;
  marker: string;
}

export interface ParsedPlan {
  source: Plan['source'];
  /** The paragraph(s) between the plan's title and its first chapter. */
  preamble_zh: string;
  chapters: ParsedChapter[];
  articles: ParsedArticle[];
  lead: SkippedLead | null;
  markers: StrippedMarker[];
}

interface Paragraph {
  line: number;
  text: string;
}

// Paragraphs are joined with one newline when an article or intro spans several of them.
const PARAGRAPH_JOIN = '\n';
// Titles are short phrases; a longer "title" means its closing 。 is missing and the body ran into it.
const MAX_TITLE_CHARS = 40;

const CHAPTER_RE = /^([一二三四五六七八九十]+)、(.*)$/;
const SECTION_RE = /^[（(]([一二三四五六七八九十]+)[）)](.*)$/;
// The number must not be followed by a digit, so a paragraph opening with "1.5万" is not an article.
const ARTICLE_RE = /^(\d{1,3})[.．](?!\d)(.*)$/;
const MARKER_RE = /\[bookmark: [^\]]*\]/g;
const NOTICE_RE = /^(.+?)关于印发《(.+)》的通知$/;
const DATE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const PUBLIC_MARK = '（此件公开发布）';

const DIGITS = '一二三四五六七八九';

/** Value of a Chinese numeral from 一 to 九十九, or null when it is not a well-formed one. */
export function chineseNumeral(s: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? DIGITS.indexOf(tens) + 1 : null;
  return (tens ? DIGITS.indexOf(tens) + 1 : 1) * 10 + (ones ? DIGITS.indexOf(ones) + 1 : 0);
}

/** The Chinese numeral for 1..99, for messages that quote the text's own numbering. */
export function toChineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const onesZh = ones ? (DIGITS[ones - 1] ?? '') : '';
  if (tens === 0) return onesZh;
  return `${tens > 1 ? (DIGITS[tens - 1] ?? '') : ''}十${onesZh}`;
}

/** Non-empty lines, trimmed, with their 1-based line numbers and any markers stripped (and recorded). */
function readParagraphs(text: string, markers: StrippedMarker[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  // A leading byte-order mark would otherwise stick to the first paragraph.
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const stripped = raw.replace(MARKER_RE, (marker) => {
        markers.push({ line, marker });
        return '';
      });
      // trim() also removes the full-width space U+3000 that Chinese documents use for indentation.
      const trimmed = stripped.trim();
      if (trimmed) paragraphs.push({ line, text: trimmed });
    });
  return paragraphs;
}

/** Splits `标题。正文` at its first 。, enforcing that the title is present and short. */
function splitTitle(file: string, p: Paragraph, n: number, rest: string): { title: string; body: string } {
  const stop = rest.indexOf('。');
  const title = stop < 0 ? '' : rest.slice(0, stop).trim();
  if (!title || title.length > MAX_TITLE_CHARS || /[，；]/.test(title)) {
    throw new DataError(
      file,
      p.line,
      'articles must open with a short title ending in 。',
      `article ${n}: "${rest.slice(0, 30)}…"`
    );
  }
  return { title, body: rest.slice(stop + 1).trim() };
}

interface FrontMatter {
  source: Plan['source'];
  preamble_zh: string;
  leadParagraphs: Paragraph[];
}

/** Reads the notice that precedes the plan: issuers, date, public-release mark, title and preamble. */
function readFrontMatter(file: string, front: Paragraph[]): FrontMatter {
  const noticeAt = front.findIndex((p) => NOTICE_RE.test(p.text));
  const notice = front[noticeAt];
  if (!notice) {
    throw new DataError(
      file,
      front[0]?.line ?? 1,
      'the text must open with the notice that issues the plan',
      'no line of the form …关于印发《…》的通知 before the first chapter'
    );
  }
  const planTitle = NOTICE_RE.exec(notice.text)?.[2] ?? '';

  const dateAt = front.findIndex((p, i) => i > noticeAt && DATE_RE.test(p.text));
  const date = front[dateAt];
  const dm = date ? DATE_RE.exec(date.text) : null;
  if (!date || !dm) {
    throw new DataError(file, notice.line, 'the notice must be dated', 'no line of the form YYYY年M月D日');
  }
  const issued = `${dm[1]}-${dm[2]?.padStart(2, '0')}-${dm[3]?.padStart(2, '0')}`;

  // The signature is the run of consecutive lines directly above the date (one issuer a line).
  const issuers: string[] = [];
  for (let i = dateAt - 1; i > noticeAt; i--) {
    const p = front[i];
    if (!p || p.line !== date.line - issuers.length - 1) break;
    issuers.unshift(p.text);
  }
  if (issuers.length === 0) {
    throw new DataError(
      file,
      date.line,
      'the notice must be signed',
      'no issuer lines directly above the date'
    );
  }

  const publicAt = front.findIndex((p, i) => i > dateAt && p.text === PUBLIC_MARK);
  if (publicAt < 0) {
    throw new DataError(
      file,
      date.line,
      'the notice must carry its public-release mark',
      `expected ${PUBLIC_MARK} after the date`
    );
  }

  const titleAt = front.findIndex((p, i) => i > publicAt && p.text === planTitle);
  if (titleAt < 0) {
    throw new DataError(
      file,
      front[publicAt]?.line ?? date.line,
      'the plan title must follow the notice',
      `expected a line reading ${planTitle}`
    );
  }

  return {
    source: {
      title_zh: planTitle,
      issuers_zh: issuers.join('、'),
      issued,
      file,
      note: ''
    },
    preamble_zh: front
      .slice(titleAt + 1)
      .map((p) => p.text)
      .join(PARAGRAPH_JOIN),
    leadParagraphs: front.slice(0, noticeAt)
  };
}

/**
 * Recognises the news lead found before the notice in the delivered file: a paragraph whose tail repeats
 * the opening words of one article (title included). Any other text there is an error, not something to skip.
 */
function recogniseLead(file: string, leads: Paragraph[], articles: ParsedArticle[]): SkippedLead | null {
  const [lead, extra] = leads;
  if (!lead) return null;
  if (extra) {
    throw new DataError(
      file,
      extra.line,
      'only one news lead may precede the notice',
      `unexpected "${extra.text.slice(0, 30)}…"`
    );
  }
  for (const a of articles) {
    const at = lead.text.indexOf(`${a.title_zh}。`);
    if (at >= 0 && `${a.title_zh}。${a.text_zh}`.startsWith(lead.text.slice(at))) {
      return { line: lead.line, text_zh: lead.text, repeats_article: a.n };
    }
  }
  throw new DataError(
    file,
    lead.line,
    'text before the notice must be a news lead repeating an article',
    `"${lead.text.slice(0, 30)}…" repeats no article`
  );
}

/** Plain-language record of the quirks handled, carried into plan.json so users can see them. */
function describeQuirks(lead: SkippedLead | null, markers: StrippedMarker[]): string {
  const parts = ['The official text as released for publication by its issuers (此件公开发布).'];
  if (lead) {
    parts.push(
      `As delivered, line ${lead.line} is a news lead repeating the opening of article ${lead.repeats_article}; it is not part of the plan and is skipped.`
    );
  }
  for (const m of markers) {
    parts.push(`A stray word-processor marker ${m.marker} on line ${m.line} is stripped.`);
  }
  return parts.join(' ');
}

/** Parses the official plan text into its source metadata, chapters, sections and articles. */
export function parsePlanText(text: string, file: string): ParsedPlan {
  const markers: StrippedMarker[] = [];
  const paragraphs = readParagraphs(text, markers);

  const chapters: ParsedChapter[] = [];
  const articles: ParsedArticle[] = [];
  const front: Paragraph[] = [];
  const articleLine = new Map<number, number>();
  // Paragraphs of the current article or chapter intro, joined when the next heading or article starts.
  let open: { paragraphs: string[]; close: (text: string) => void } | null = null;
  let chapter: ParsedChapter | null = null;
  let chapterLine = 0;
  let sectionLine = 0;
  let sectionHasArticle = true;
  let lastLine = 1;

  const closeOpen = () => {
    open?.close(open.paragraphs.join(PARAGRAPH_JOIN));
    open = null;
  };
  const checkSectionFilled = () => {
    if (!sectionHasArticle) {
      throw new DataError(file, sectionLine, 'every section must contain at least one article');
    }
  };
  const checkChapterFilled = () => {
    if (chapter && !articles.some((a) => a.chapter === chapter?.n)) {
      throw new DataError(file, chapterLine, 'every chapter must contain at least one article');
    }
  };

  for (const p of paragraphs) {
    lastLine = p.line;
    const chapterMatch = CHAPTER_RE.exec(p.text);
    const sectionMatch = SECTION_RE.exec(p.text);
    const articleMatch = ARTICLE_RE.exec(p.text);

    if (chapterMatch) {
      closeOpen();
      checkSectionFilled();
      checkChapterFilled();
      const [, numeral = '', rest = ''] = chapterMatch;
      const expected = chapters.length + 1;
      if (chineseNumeral(numeral) !== expected) {
        throw new DataError(
          file,
          p.line,
          'chapters must be numbered in sequence',
          `expected ${toChineseNumeral(expected)}、, found ${numeral}、`
        );
      }
      const title = rest.trim();
      if (!title) throw new DataError(file, p.line, 'headings must have a title', `chapter ${numeral}、`);
      const current: ParsedChapter = { n: expected, title_zh: title, intro_zh: '', sections: [] };
      chapters.push(current);
      chapter = current;
      chapterLine = p.line;
      open = { paragraphs: [], close: (t) => (current.intro_zh = t) };
      continue;
    }

    if (sectionMatch) {
      closeOpen();
      if (!chapter) throw new DataError(file, p.line, 'every section must be inside a chapter');
      checkSectionFilled();
      const [, numeral = '', rest = ''] = sectionMatch;
      const expected = chapter.sections.length + 1;
      if (chineseNumeral(numeral) !== expected) {
        throw new DataError(
          file,
          p.line,
          'sections must be numbered in sequence within a chapter',
          `chapter ${chapter.n}: expected （${toChineseNumeral(expected)}）, found （${numeral}）`
        );
      }
      const title = rest.trim();
      if (!title) throw new DataError(file, p.line, 'headings must have a title', `section （${numeral}）`);
      const chapterN = chapter.n;
      if (expected === 1 && articles.some((a) => a.chapter === chapterN)) {
        // Mixing would leave some of the chapter's articles with section null and others without.
        throw new DataError(
          file,
          p.line,
          "a chapter's articles must all be in sections or none",
          `chapter ${chapterN} has articles before its first section`
        );
      }
      chapter.sections.push({ chapter: chapterN, n: expected, title_zh: title });
      sectionLine = p.line;
      sectionHasArticle = false;
      continue;
    }

    if (articleMatch) {
      closeOpen();
      const [, digits = '', rest = ''] = articleMatch;
      const n = Number(digits);
      if (!chapter)
        throw new DataError(file, p.line, 'every article must be inside a chapter', `article ${n}`);
      const expected = articles.length + 1;
      const seenAt = articleLine.get(n);
      if (seenAt !== undefined) {
        throw new DataError(
          file,
          p.line,
          'article numbers must be unique',
          `article ${n} already starts at line ${seenAt}`
        );
      }
      if (n !== expected) {
        throw new DataError(
          file,
          p.line,
          'articles must be numbered in sequence',
          `expected ${expected}, found ${n}`
        );
      }
      const { title, body } = splitTitle(file, p, n, rest);
      const article: ParsedArticle = {
        n,
        chapter: chapter.n,
        section: chapter.sections.length > 0 ? chapter.sections.length : null,
        title_zh: title,
        text_zh: '',
        line: p.line
      };
      articles.push(article);
      articleLine.set(n, p.line);
      sectionHasArticle = true;
      open = { paragraphs: body ? [body] : [], close: (t) => (article.text_zh = t) };
      continue;
    }

    if (!chapter) {
      front.push(p);
    } else if (open) {
      open.paragraphs.push(p.text);
    } else {
      throw new DataError(
        file,
        p.line,
        'a section heading must be followed by an article',
        `"${p.text.slice(0, 30)}…"`
      );
    }
  }
  closeOpen();
  checkSectionFilled();
  checkChapterFilled();

  const empty = articles.find((a) => !a.text_zh);
  if (empty)
    throw new DataError(file, empty.line, 'articles must have text after their title', `article ${empty.n}`);
  if (chapters.length !== EXPECTED_CHAPTERS) {
    throw new DataError(
      file,
      lastLine,
      `the plan must have ${EXPECTED_CHAPTERS} chapters`,
      `found ${chapters.length}`
    );
  }
  if (articles.length !== EXPECTED_ARTICLES) {
    throw new DataError(
      file,
      lastLine,
      `the plan must have ${EXPECTED_ARTICLES} articles`,
      `found ${articles.length}`
    );
  }

  const { source, preamble_zh, leadParagraphs } = readFrontMatter(file, front);
  const lead = recogniseLead(file, leadParagraphs, articles);
  return {
    source: { ...source, note: describeQuirks(lead, markers) },
    preamble_zh,
    chapters,
    articles,
    lead,
    markers
  };
}
