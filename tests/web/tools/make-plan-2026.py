#!/usr/bin/env python3
"""Makes the test tables of issue 12 from the 2023 seed, in every form an office would load.

The 2026 table is the 2023 one with the changes a new year brings:
  - 60 tasks: an area added (十、推进食品安全智慧治理, two new tasks), numbered 1–60 without
    the 2023 table's repeated 48;
  - a bureau renamed: 区卫生健康局 → 区卫生健康委员会 (unknown to the 2023 registry);
  - a task moved between areas: the HACCP task (2023 row 35) from 五、 to the end of 七、;
  - merged area cells: each area's 任务 cell is one cell merged down its rows (vMerge in the
    .docx, rowspan in the HTML, the text on the first row only in the tab-separated text);
  - "2023" in the measures becomes "2026".

Writes into tests/fixtures/plans/:
  plan-2026.docx         the table as Word writes it (deflated entries), for the browser;
  plan-2026-stored.docx  the same document's main parts (no styles, theme or thumbnail, to keep
                         the fixture small) as stored (uncompressed) entries, read natively;
  plan-2026.html         clipboard-like text/html as Word puts it (noise included);
  plan-2026.tsv          clipboard-like text/plain: tabs, quoted multi-line cells, CRLF;
  plan-2023.docx, plan-2023-stored.docx
                         the 2023 seed as a Word table (no merges, its repeated 48, and the
                         _GoBack bookmark as a real bookmark).

The committed files are what the native tests (tests/plan_source.rs) read, so tests need no
Python. `--check` regenerates into a temporary folder and fails when anything differs from
the committed files (.docx compared entry by entry, after inflating); `.ci/test` runs it.

Needs python-docx (installed by .ci/setup).
"""

import difflib
import html
import io
import pathlib
import sys
import tempfile
import zipfile
from datetime import datetime

ROOT = pathlib.Path(__file__).resolve().parents[3]
SEED = ROOT / "seeds" / "futian-2023-food-safety-duties.txt"
OUT = ROOT / "tests" / "fixtures" / "plans"
HEADER = ["序号", "任务", "举措", "责任单位", "配合单位"]
STAMP = (2026, 1, 5, 9, 0, 0)
RENAMED = ("区卫生健康局", "区卫生健康委员会")
TITLE_2026 = "福田区2026年食品安全重点工作安排责任分工表"
NEW_AREA = "十、推进食品安全智慧治理"
NEW_TASKS = [
    (
        ["建设食品安全智慧监管平台，推动许可、检查、抽检数据互联共享，年底前重点食品生产经营单位",
         "“互联网+明厨亮灶”覆盖率达到90%。"],
        ["市市场监管局福田监管局牵头，区工业和信息化局协助"],
        ["区食药安委各成员单位"],
    ),
    (
        ["推广食品安全电子追溯，11月30日前完成冷链食品追溯系统升级。"],
        ["市市场监管局福田监管局负责"],
        ["各街道办事处"],
    ),
]
MOVED = 35  # 2023 position of the task moved from 五、 to 七、


def seed_table():
    """The seed by its layout rules: (preamble lines, rows of five cells as lists of lines)."""
    text = SEED.read_text(encoding="utf-8")
    pre, cells = [], []
    for line in text.split("\n"):
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
        else:
            pre.append(line)
    cells = [[l.strip() for l in c] for c in cells]
    cells = [[l for l in c if l] for c in cells]
    assert ["".join(c) for c in cells[:5]] == HEADER
    body = cells[5:]
    assert len(body) == 58 * 5
    rows = []
    for i in range(0, len(body), 5):
        number, area, measure, lead, coop = body[i : i + 5]
        rows.append(
            {
                "number": "".join(number),
                "area": "".join(area),
                "measure": measure,
                "lead": lead,
                "coop": coop,
            }
        )
    return [l.strip() for l in pre if l.strip()], rows


def areas_of(rows):
    """[(heading, [rows])] with the area carried down."""
    areas = []
    for row in rows:
        if row["area"]:
            areas.append((row["area"], []))
        areas[-1][1].append(row)
    return areas


def table_2023():
    pre, rows = seed_table()
    for row in rows:
        row["lead"] = [l.replace("[bookmark: _GoBack]", "") for l in row["lead"]]
    title = next(l for l in pre if "责任分工表" in l)
    return pre, title, areas_of(rows)


def table_2026():
    pre, rows = seed_table()

    def renew(lines):
        return [l.replace(RENAMED[0], RENAMED[1]).replace("2023", "2026") for l in lines]

    for row in rows:
        row["lead"] = renew([l.replace("[bookmark: _GoBack]", "") for l in row["lead"]])
        row["coop"] = renew(row["coop"])
        row["measure"] = renew(row["measure"])
    areas = [(h, list(rs)) for h, rs in areas_of(rows)]
    moved = rows[MOVED - 1]
    five = next(a for a in areas if a[0].startswith("五、"))
    seven = next(a for a in areas if a[0].startswith("七、"))
    assert five[1][0] is not moved
    five[1].remove(moved)
    seven[1].append(moved)
    new = [
        {"number": "", "area": "", "measure": m, "lead": l, "coop": c}
        for (m, l, c) in NEW_TASKS
    ]
    areas.append((NEW_AREA, new))
    n = 0
    for _, rs in areas:
        for row in rs:
            n += 1
            row["number"] = str(n)
    assert n == 60
    pre = [l.replace("2023", "2026") for l in pre]
    return pre, TITLE_2026, areas


def write_docx(path, pre, title, areas, merge, bookmark_row=None):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in pre:
        document.add_paragraph(line)
    rows = [r for _, rs in areas for r in rs]
    table = document.add_table(rows=1 + len(rows), cols=5)
    table.style = "Table Grid"

    def fill(cell, lines):
        lines = lines or [""]
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)

    for c, word in enumerate(HEADER):
        fill(table.cell(0, c), [word])
    r = 1
    for heading, rs in areas:
        first = r
        for i, row in enumerate(rs):
            fill(table.cell(r, 0), [row["number"]])
            fill(table.cell(r, 1), [heading] if i == 0 else [])
            fill(table.cell(r, 2), row["measure"])
            fill(table.cell(r, 3), row["lead"])
            fill(table.cell(r, 4), row["coop"])
            if bookmark_row == r:
                p = table.cell(r, 3).paragraphs[0]._p
                start = OxmlElement("w:bookmarkStart")
                start.set(qn("w:id"), "0")
                start.set(qn("w:name"), "_GoBack")
                end = OxmlElement("w:bookmarkEnd")
                end.set(qn("w:id"), "0")
                p.insert(0, end)
                p.insert(0, start)
            r += 1
        if merge and r - 1 > first:
            table.cell(first, 1).merge(table.cell(r - 1, 1))
    props = document.core_properties
    props.author = "Duty Ledger tests"
    props.title = title
    props.created = datetime(*STAMP)
    props.modified = datetime(*STAMP)
    props.last_modified_by = "Duty Ledger tests"
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    rezip(buffer.getvalue(), path, zipfile.ZIP_DEFLATED)
    rezip(buffer.getvalue(), path.with_name(path.stem + "-stored.docx"), zipfile.ZIP_STORED, STORED_PARTS)


STORED_PARTS = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml"]


def rezip(data, path, method, only=None):
    """The same entries (or `only` these) with a fixed time stamp, so regenerating gives the
    same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if only is not None and info.filename not in only:
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=STAMP)
            entry.compress_type = method
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    path.write_bytes(out.getvalue())


def wrap(text, width=38):
    """Word wraps its HTML source: long runs of Chinese are broken with CRLF between ideographs."""
    out, run = [], 0
    for i, ch in enumerate(text):
        out.append(html.escape(ch, quote=False))
        run += 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if run >= width and ord(ch) > 0x2E80 and nxt and ord(nxt) > 0x2E80:
            out.append("\r\n")
            run = 0
    return "".join(out)


def paragraphs_html(lines, bold=False, center=False):
    lines = lines or []
    if not lines:
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    style = " align=center style='text-align:center'" if center else ""
    parts = []
    for line in lines:
        span = f"<span style='font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>{wrap(line)}<o:p></o:p></span>"
        if bold:
            span = f"<b>{span}</b>"
        parts.append(f"<p class=MsoNormal{style}>{span}</p>")
    return "\r\n  ".join(parts)


def write_html(path, pre, title, areas):
    widths = [36, 72, 260, 120, 100]
    out = [
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n"
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"\r\nxmlns=\"http://www.w3.org/TR/REC-html40\">\r\n",
        "<head>\r\n<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\r\n"
        "<meta name=ProgId content=Word.Document>\r\n<meta name=Generator content=\"Microsoft Word 15\">\r\n"
        "<style>\r\n<!--\r\n /* Font Definitions */\r\n @font-face\r\n\t{font-family:宋体;}\r\n"
        "p.MsoNormal, li.MsoNormal, div.MsoNormal\r\n\t{margin:0cm;text-align:justify;font-size:10.5pt;}\r\n-->\r\n</style>\r\n"
        "<!--[if gte mso 9]><xml>\r\n <w:WordDocument>\r\n  <w:View>Normal</w:View>\r\n </w:WordDocument>\r\n</xml><![endif]-->\r\n"
        "</head>\r\n\r\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n<!--StartFragment-->\r\n",
    ]
    for line in pre:
        centered = line == title
        out.append(paragraphs_html([line], bold=centered, center=centered) + "\r\n\r\n")
    out.append(
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\r\n"
        " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\r\n"
        " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\r\n"
    )

    def td(lines, width, extra="", bold=False, center=False):
        return (
            f" <td width={width}{extra} valign=top style='width:{width * 0.75:.1f}pt;border:solid windowtext 1.0pt;\r\n"
            f"  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\r\n  "
            + paragraphs_html(lines, bold=bold, center=center)
            + "\r\n </td>\r\n"
        )

    out.append(" <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>\r\n")
    out.extend(td([w], widths[i], bold=True, center=True) for i, w in enumerate(HEADER))
    out.append(" </tr>\r\n")
    irow = 1
    for heading, rs in areas:
        for i, row in enumerate(rs):
            out.append(f" <tr style='mso-yfti-irow:{irow}'>\r\n")
            out.append(td([row["number"]], widths[0], center=True))
            if i == 0:
                span = f" rowspan={len(rs)}" if len(rs) > 1 else ""
                out.append(td([heading], widths[1], extra=span))
            out.append(td(row["measure"], widths[2]))
            out.append(td(row["lead"], widths[3]))
            out.append(td(row["coop"], widths[4]))
            out.append(" </tr>\r\n")
            irow += 1
    out.append(" <![if !supportMisalignedColumns]>\r\n <tr height=0>\r\n")
    out.extend(f"  <td width={w} style='border:none'></td>\r\n" for w in widths)
    out.append(" </tr>\r\n <![endif]>\r\n</table>\r\n\r\n<!--EndFragment-->\r\n</body>\r\n\r\n</html>\r\n")
    path.write_bytes("".join(out).encode("utf-8"))


def tsv_field(lines):
    text = "\n".join(lines)
    if any(c in text for c in "\n\t\""):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_tsv(path, pre, title, areas):
    lines = list(pre)
    lines.append("\t".join(HEADER))
    for heading, rs in areas:
        for i, row in enumerate(rs):
            cells = [[row["number"]], [heading] if i == 0 else [], row["measure"], row["lead"], row["coop"]]
            lines.append("\t".join(tsv_field(c) for c in cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


FILES = [
    "plan-2026.docx",
    "plan-2026-stored.docx",
    "plan-2026.html",
    "plan-2026.tsv",
    "plan-2023.docx",
    "plan-2023-stored.docx",
]


def generate(folder):
    folder.mkdir(parents=True, exist_ok=True)
    pre, title, areas = table_2026()
    write_docx(folder / "plan-2026.docx", pre, title, areas, merge=True)
    write_html(folder / "plan-2026.html", pre, title, areas)
    write_tsv(folder / "plan-2026.tsv", pre, title, areas)
    pre, title, areas = table_2023()
    write_docx(folder / "plan-2023.docx", pre, title, areas, merge=False, bookmark_row=11)


def entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]


def check():
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp)
        generate(fresh)
        bad = []
        for name in FILES:
            committed, made = OUT / name, fresh / name
            if not committed.exists():
                bad.append(f"{name}: not committed")
            elif name.endswith(".docx"):
                if entries(committed) != entries(made):
                    bad.append(f"{name}: entries differ from the generator's")
            elif committed.read_bytes() != made.read_bytes():
                diff = difflib.unified_diff(
                    committed.read_text(encoding="utf-8").splitlines(),
                    made.read_text(encoding="utf-8").splitlines(),
                    lineterm="",
                    n=1,
                )
                bad.append(f"{name}:\n" + "\n".join(list(diff)[:20]))
        for line in bad:
            print(line, file=sys.stderr)
        if bad:
            print("tests/fixtures/plans differs from tests/web/tools/make-plan-2026.py: run it and commit", file=sys.stderr)
            sys.exit(1)
        print(f"tests/fixtures/plans: {len(FILES)} files match the generator")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    elif sys.argv[1:]:
        sys.exit("usage: make-plan-2026.py [--check]")
    else:
        generate(OUT)
        for name in FILES:
            print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")
