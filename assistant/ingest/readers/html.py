"""Read a saved web page (.html/.htm, or the page inside a .mhtml/.mht archive) into report text.

Government sites publish the 自评报告 as an article page: the article sits among site
chrome (navigation, header and footer, breadcrumbs, share bars, 上一篇/下一篇) and under a
metadata block (索引号/发布机构/发布日期/文号). The text written is:

1. the metadata, one ``索引号：…`` line per label found on the page (the title finder skips
   such lines, so they are never taken for the title);
2. the article's title (its ``<h1>``, else the page ``<title>`` up to the site's name), when
   the article body does not hold it;
3. the article body, found as the block that holds most of the page's text outside links,
   without the chrome: headings and paragraphs one per line, tables through
   `sheet_lines.grid_lines` (rowspan/colspan as merged ranges), so they reach the facts stage
   as row lines like the tables of every other format.

The charset comes from a byte-order mark, the MIME part, or the page's ``<meta>`` tag
(GB2312/GBK pages are read as GB18030, their superset); without one, UTF-8 then GB18030.
lxml parses; nothing is fetched.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from typing import Any

from assistant.errors import LoadError
from assistant.ingest.tables.lines import CAPTION_MAX_CHARS, caption_unit
from assistant.ingest.tables.sheet_lines import MAX_SPAN, build_grid, grid_lines
from assistant.text.markers import CHROME_LINE

# elements that are never article text
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
             "canvas", "form", "button", "select", "input", "textarea", "nav", "aside", "link",
             "meta", "map")
# site furniture by its class or id (kept when it holds the article's heading or a table)
CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|share|bdshare|jiathis|footer|foot"
    r"|header|topbar|top|sidebar|side|toolbar|pagination|pager|prev|next|copyright|login|search"
    r"|skip|location|position|weizhi|dqwz|fenxiang|gotop|backtop)(?:$|[-_\s\d])", re.I)
BLOCK_TAGS = frozenset(("p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt",
                        "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center",
                        "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "header",
                        "footer", "address", "figure", "figcaption", "hr", "body", "html"))
# the metadata block of a government site's article page
META_LABELS = ("索引号", "发布机构", "发文机关", "发布日期", "成文日期", "生成日期", "文号", "发文字号",
               "主题分类", "公开方式", "公开范围", "信息来源", "有效性")
# 来源 alone only where no word runs into it (资金来源 is a table's column, not the page's)
SOURCE_LABEL = r"(?<![\u4e00-\u9fff])来源"
# a page counter or byline beside the metadata ends a field's value, and is not kept
META_STOP = ("浏览次数", "浏览量", "访问量", "点击数", "点击量", "阅读量", "阅读次数", "字号", "作者")
_META = re.compile(
    rf"(?P<label>{'|'.join(META_LABELS)}|{SOURCE_LABEL})\s*[：:]\s*(?P<value>.*?)"
    rf"(?=\s*(?:{'|'.join(META_LABELS + META_STOP)}|来源|标\s*题|名\s*称|主\s*题\s*词)\s*[：:]|$)")
_META_LINE = re.compile(rf"^\s*(?:{'|'.join(META_LABELS)}|来源)\s*[：:]")
# lines of an article page that belong to the site, not the article
CHROME_TEXT = re.compile(
    r"^[【\[\s]*(?:上一篇|下一篇|上一条|下一条|分享到|打印本页|打印|关闭窗口|关闭|字体|字号|扫一扫|"
    r"收藏|返回顶部|当前位置|您当前的位置|您现在的位置|浏览次数|访问量|责任编辑)"
    r"|【\s*字体\s*[：:]|【\s*打印\s*】|【\s*关闭\s*】")
CHROME_TEXT_MAX = 80  # a longer line is article text even when it starts like chrome
DESCEND_SHARE = 0.8  # the article is the deepest container holding this share of its parent's text
# what may hold an article (a paragraph holding most of the text is part of it, not it)
CONTAINER_TAGS = frozenset(("div", "section", "article", "main", "center", "table", "tbody",
                            "thead", "tr", "td", "th", "body", "html", "font", "span"))
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_INNER_TAB = re.compile(r"[^\s][ \xa0]*\t[ \t\xa0]*[^\s]")  # a tab between two words of a line
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_CUT = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s).*$")


def page_text(path: Path, data: bytes) -> str:
    """The text of a saved web page (see the module's docstring)."""
    from lxml import etree, html

    markup = _page_markup(path, data)
    try:
        root = html.document_fromstring(_XML_DECL.sub("", markup))
    except (etree.ParserError, ValueError) as e:
        raise LoadError(path, f"not a readable web page: {e}") from None
    for el in root.iter(etree.Comment, etree.ProcessingInstruction):
        el.text = ""
    page_title = _first_text(root, "//head/title")
    _drop(root, [el for el in root.iter(*DROP_TAGS)])
    body = root.find("body") if root.find("body") is not None else root
    metadata = _metadata(body)
    _drop(body, [el for el in body.iter() if _is_chrome(el)])
    article = _article(body)
    lines = _trimmed([line for line in _lines(article) if not _is_chrome_line(line)])
    title = _first_text(body, "//h1") or _TITLE_CUT.sub("", page_title)
    if title and not _is_chrome_line(title) and not any(title in line for line in lines[:10]):
        lines.insert(0, title)
    if not any(line.strip() for line in lines):
        raise LoadError(path, "no article text in the web page (only site navigation or an "
                              "empty body)")
    return "\n".join([f"{k}：{v}" for k, v in metadata] + lines)


def _trimmed(lines: list[str]) -> list[str]:
    """The article's lines without blank lines above and below it."""
    start = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


# bytes to markup ---------------------------------------------------------------------------------
def _page_markup(path: Path, data: bytes) -> str:
    if path.suffix.lower() in (".mhtml", ".mht") and not data.lstrip()[:1] == b"<":
        data, charset = _mhtml_page(path, data)
        return decode_page(data, charset)
    return decode_page(data)


def _mhtml_page(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The first text/html part of a MIME web archive, its transfer encoding undone."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise LoadError(path, "not a readable web archive: it holds no web page (text/html part)")


def decode_page(data: bytes, declared: str | None = None) -> str:
    """A page's markup as text: BOM, then the declared (or <meta>) charset, then UTF-8, then
    GB18030."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    m = _CHARSET.search(data[:8192])
    for codec in (declared, m.group(1).decode("ascii") if m else None, "utf-8"):
        codec = _codec(codec)
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("gb18030", errors="replace")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.lower().replace("_", "-")
    return "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb-2312", "gb2312-80", "cp936",
                                 "euc-cn", "hz-gb-2312") else name


# chrome and metadata -------------------------------------------------------------------------------
def _drop(root: Any, elements: list[Any]) -> None:
    """Remove elements (keeping the text that follows each one)."""
    for el in elements:
        parent = el.getparent()
        if parent is None or el is root:
            continue
        tail = el.tail
        if tail and tail.strip():
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)


def _is_chrome(el: Any) -> bool:
    """Site furniture: a header/footer outside the article, or an element whose class or id
    names navigation, share bars and the like, unless it holds a heading or a table."""
    if not isinstance(el.tag, str):
        return False
    if el.tag in ("header", "footer"):
        inside = any(a.tag in ("article", "main") for a in el.iterancestors())
        return not inside and not _precious(el)
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(names.strip()) and bool(CHROME_NAME.search(names)) and not _precious(el)


def _precious(el: Any) -> bool:
    return any(True for _ in el.iter("h1", "table")) or _own_text_len(el) > 400


def _metadata(body: Any) -> list[tuple[str, str]]:
    """The 索引号/发布机构/… fields of the page, each label once, in page order."""
    found: dict[str, str] = {}
    for line in _lines(body):
        if len(line) > 300:
            continue
        for m in _META.finditer(line):
            value = m.group("value").strip()
            if value and m.group("label") not in found and len(value) <= 80:
                found[m.group("label")] = value
    return list(found.items())


def _is_chrome_line(line: str) -> bool:
    text = line.strip()
    if _META_LINE.match(text) and len(text) <= 300:
        return True  # the metadata block, written once at the top
    return len(text) <= CHROME_TEXT_MAX and bool(CHROME_TEXT.search(text) or CHROME_LINE.search(text))


# the article ---------------------------------------------------------------------------------------
def _article(body: Any) -> Any:
    """The deepest container that still holds most of the text: from the body down, into the
    child with at least 80% of its parent's text (never into a data table)."""
    node = body
    while True:
        total = _own_text_len(node)
        if total == 0:
            return node
        children = [c for c in node if isinstance(c.tag, str) and c.tag in CONTAINER_TAGS
                    and not (c.tag == "table" and not _layout_table(c))]
        best = max(children, key=_own_text_len, default=None)
        if best is None or _own_text_len(best) < DESCEND_SHARE * total:
            return node
        node = best


def _own_text_len(el: Any) -> int:
    """Characters of text under an element, outside links."""
    text = "".join(el.itertext())
    links = sum(len("".join(a.itertext())) for a in el.iter("a"))
    return max(0, len(_SPACE.sub("", text)) - links)


def _layout_table(table: Any) -> bool:
    """A table used for page layout: it holds another table, or a cell of long text."""
    if any(True for t in table.iter("table") if t is not table):
        return True
    return any(len("".join(td.itertext())) > 600 for td in table.iter("td", "th"))


def _first_text(root: Any, xpath: str) -> str:
    found = root.xpath(xpath)
    return _SPACE.sub(" ", "".join(found[0].itertext())).strip() if found else ""


# lines ----------------------------------------------------------------------------------------------
class _Lines:
    """Text gathered into lines: block elements and <br> end a line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def flush(self) -> None:
        line = _line_text("".join(self.buffer))
        if line.strip():
            self.lines.append(line)
        self.buffer = []

    def empty_paragraph(self) -> None:
        """A paragraph without text is a blank line: a form pasted one cell per paragraph
        leaves an empty cell so, and dropping it would shift the cells after it."""
        self.flush()
        self.lines.append("")


def _line_text(raw: str) -> str:
    """A line's text with its whitespace collapsed, as a browser shows it (an indent of
    full-width spaces kept, as in a .txt: the normaliser opens a paragraph there). A line whose
    source holds tabs between its words (a sheet's row pasted into a paragraph) keeps them,
    one for one, as the cell boundaries they are; a run that breaks the source line is only
    markup layout and becomes a space."""
    if not _INNER_TAB.search(raw):
        return _SPACE.sub(" ", raw).strip(" ")  # a paragraph's 　　 indent stays: it opens one
    def run(m: re.Match[str]) -> str:
        ws = m.group()
        return "\t" * ws.count("\t") if "\t" in ws and not re.search(r"[\r\n]", ws) else " "
    return _SPACE.sub(run, raw).strip(" \r\n\f\v\xa0")


def _lines(el: Any) -> list[str]:
    out = _Lines()
    _walk(el, out)
    out.flush()
    return out.lines


def _walk(el: Any, out: _Lines) -> None:
    if not isinstance(el.tag, str):
        return
    if el.tag == "br":
        out.flush()
        return
    if el.tag == "p" and not _SPACE.sub("", "".join(el.itertext())).strip("\u3000"):
        out.empty_paragraph()
        return
    if el.tag == "table" and not _layout_table(el):
        out.flush()
        # the table's own <caption> (表1 …（单位：元）) first, else the short line above it
        own = [cell_text(_lines(c)) for c in el if isinstance(c.tag, str) and c.tag == "caption"]
        out.lines.extend(line for line in own if line)
        caption = out.lines[-1] if out.lines else ""
        unit = caption_unit(caption) if len(caption) <= CAPTION_MAX_CHARS else ""
        out.lines.extend(line for line in table_lines_of(el, unit) if line)
        return
    block = el.tag in BLOCK_TAGS
    if block:
        out.flush()
    out.add(el.text)
    for child in el:
        _walk(child, out)
        out.add(child.tail)
    if block:
        out.flush()


# tables ---------------------------------------------------------------------------------------------
def table_lines_of(table: Any, unit: str = "") -> list[str]:
    """A data table's lines: its grid (rowspan/colspan as merged ranges) through `grid_lines`;
    `unit` is the unit its caption gives the amounts."""
    values: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(_rows(table)):
        values.append([])
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rows, cols = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            _put(values[r], c, cell_text(_lines(cell)))
            if rows > 1 or cols > 1:
                merges.append((r, c, r + rows - 1, c + cols - 1))
            taken.update((r + i, c + j) for i in range(rows) for j in range(cols))
            c += cols
    return grid_lines(build_grid(values, merges), unit)


def cell_text(lines: list[str]) -> str:
    """A cell's lines as one text: a word a <br> broke between Chinese characters is joined
    again (调整后<br>预算数 is the header 调整后预算数); other breaks become a space."""
    text = ""
    for line in filter(None, lines):
        cjk = text[-1:] and "\u4e00" <= text[-1] <= "\u9fff" and "\u4e00" <= line[:1] <= "\u9fff"
        text += line if cjk or not text else " " + line
    return text


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of a table nested in a cell)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if tr.tag == "tr")
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1


def _put(row: list[str], c: int, text: str) -> None:
    while len(row) <= c:
        row.append("")
    row[c] = text
