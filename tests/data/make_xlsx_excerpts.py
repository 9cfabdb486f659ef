#!/usr/bin/env python3
"""Build the small .xlsx test files in tests/data/{sipri,nato,xlsx}.

Developer tool, run by hand (tests never run it and never read the
publishers' files):

    python3 tests/data/make_xlsx_excerpts.py /work/shared/data

Excerpts keep the publishers' own XML for the rows they keep (cells,
styles, shared strings untouched); only whole <row> elements are dropped.
The "marks" and malformed files change what their README says.
"""
import io
import re
import sys
import zipfile

ROOT = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data'
OUT = __file__.rsplit('/', 1)[0]

SIPRI = ROOT + '/sipri/SIPRI-Milex-data-1949-2024-excerpt.xlsx'
NATO = ROOT + '/nato/240617-def-exp-2024-TABLES-en.xlsx'

ROW_RE = re.compile(r'<row [^>]*?r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)


def filter_rows(xml, keep):
    return ROW_RE.sub(lambda m: m.group(0) if keep(int(m.group(1)), m.group(0)) else '', xml)


def rewrite(src, dst, edit):
    zin = zipfile.ZipFile(src)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            data = edit(info.filename, data)
            if data is None:
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    open(dst, 'wb').write(buf.getvalue())


SIPRI_KEEP = ('Japan', 'Korea, South', 'Taiwan', 'United States of America',
              'Ukraine', 'Asia &amp; Oceania', 'East Asia', 'North America')


def sipri_keep(n, row):
    if n <= 10:
        return True
    return any('<t>%s</t>' % k in row for k in SIPRI_KEEP)


def sipri_edit(name, data):
    if name.startswith('xl/worksheets/sheet'):
        return filter_rows(data.decode(), sipri_keep).encode()
    return data


def sipri_marks_edit(name, data):
    data = sipri_edit(name, data)
    if name == 'xl/worksheets/sheet6.xml':  # Current US$
        x = data.decode()
        # Ukraine: "..." before independence -> "xxx" (did not exist)
        def ukr(m):
            row = m.group(0)
            if '<t>Ukraine</t>' not in row:
                return row
            return row.replace('<t>...</t>', '<t>xxx</t>')
        x = ROW_RE.sub(ukr, x)
        # Japan 2024 (BZ24): red font (style 10 = fontId 1, indexed 10)
        x = re.sub(r'<c r="BZ24" s="\d+"', '<c r="BZ24" s="10"', x)
        # an entity the country table does not know, with a figure
        x = x.replace('</sheetData>',
                      '<row r="90"><c r="A90" s="16" t="inlineStr"><is><t>USSR</t></is></c>'
                      '<c r="AN90" s="9" t="n"><v>19028.5</v></c></row></sheetData>')
        data = x.encode()
    return data


NATO_KEEP_LABELS = ('Albania', 'Czechia', 'United States', 'NATO Total',
                    'Current prices', 'Constant 2015', 'Share of real GDP',
                    'Annual real change', 'Defence expenditure per capita',
                    'GDP per capita', 'Notes', '-7-')


def nato_edit(name, data):
    if not name.startswith('xl/worksheets/sheet'):
        return data
    x = data.decode()
    # shared-string indices of the labels we keep
    return filter_rows(x, lambda n, row: n <= 8 or nato_row_keep(row)).encode()


NATO_SST = []


def nato_row_keep(row):
    for m in re.finditer(r'<c [^>]*t="s"[^>]*><v>(\d+)</v>', row):
        s = NATO_SST[int(m.group(1))]
        if any(s.startswith(k) or s.strip().startswith(k) for k in NATO_KEEP_LABELS):
            return True
    return False


def main():
    rewrite(SIPRI, OUT + '/sipri/sipri-excerpt.xlsx', sipri_edit)
    rewrite(SIPRI, OUT + '/sipri/sipri-marks.xlsx', sipri_marks_edit)
    z = zipfile.ZipFile(NATO)
    sst = z.read('xl/sharedStrings.xml').decode()
    for si in re.findall(r'<si>(.*?)</si>', sst, re.S):
        NATO_SST.append(''.join(re.findall(r'<t[^>]*>([^<]*)</t>', si)))
    rewrite(NATO, OUT + '/nato/nato-excerpt.xlsx',
            lambda n, d: None if ('printerSettings' in n) else nato_edit(n, d))


main()


# ---- the Current US$ sheet as Excel's "CSV UTF-8" would save it ----------
# (displayed values: number format "0.0" -> one decimal; BOM; CRLF)
def sipri_csv():
    import csv
    NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(OUT + '/sipri/sipri-excerpt.xlsx')
    st = ET.fromstring(z.read('xl/styles.xml'))
    fmt = [x.get('numFmtId') for x in st.find(NS + 'cellXfs')]
    root = ET.fromstring(z.read('xl/worksheets/sheet6.xml'))
    rows = []
    for row in root.iter(NS + 'row'):
        out = {}
        for c in row.findall(NS + 'c'):
            m = re.match(r'([A-Z]+)', c.get('r'))
            col = 0
            for ch in m.group(1):
                col = col * 26 + ord(ch) - 64
            t = c.get('t', 'n')
            if t == 'inlineStr':
                v = ''.join(x.text or '' for x in c.iter(NS + 't'))
            else:
                v = c.find(NS + 'v')
                if v is None:
                    continue
                v = v.text
                f = fmt[int(c.get('s', 0))]
                if f == '164':
                    v = '%.1f' % float(v)
                elif f == '1':
                    v = '%.0f' % float(v)
            out[col] = v
        if out:
            rows.append([out.get(i, '') for i in range(1, max(out) + 1)])
    with open(OUT + '/sipri/sipri-current-usd.csv', 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f, lineterminator='\r\n')
        for r in rows:
            w.writerow(r)


sipri_csv()


# ---- hand-written workbooks for the reader's own tests (tests/data/xlsx) ---
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

LAYOUT = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="%s">'
    '<Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/main.xml"/>'
    '<Relationship Id="b" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="meta/core.xml"/>'
    '</Relationships>' % PKG,
    'meta/core.xml': '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created>2024-06-14T10:11:17Z</dcterms:created>'
    '<dcterms:modified>2025-04-30T13:02:04Z</dcterms:modified></cp:coreProperties>',
    'book/_rels/main.xml.rels': '<?xml version="1.0"?><Relationships xmlns="%s">'
    '<Relationship Id="s2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/book/tables/../tables/second.xml"/>'
    '<Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./tables/data.xml"/>'
    '<Relationship Id="x" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="http://example.org/x.xlsx" TargetMode="External"/>'
    '<Relationship Id="ss" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>'
    '<Relationship Id="st" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="look.xml"/>'
    '</Relationships>' % PKG,
    'book/main.xml': '<?xml version="1.0"?><x:workbook xmlns:x="%s" xmlns:rel="%s"><x:sheets>'
    '<x:sheet name="Data" sheetId="7" rel:id="s1"/><x:sheet name="Second &amp; &#220;" sheetId="3" rel:id="s2"/>'
    '</x:sheets></x:workbook>' % (MAIN, REL),
    'book/strings.xml': '<?xml version="1.0"?><sst xmlns="%s" count="3" uniqueCount="3">'
    '<si><t>Japan</t></si>'
    '<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text  run</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
    '<si><t>Korea, South</t></si></sst>' % MAIN,
    'book/look.xml': '<?xml version="1.0"?><s:styleSheet xmlns:s="%s">'
    '<s:numFmts count="1"><s:numFmt numFmtId="170" formatCode="0.0&quot;%%&quot;"/><s:numFmt numFmtId="171" formatCode="0.0%%"/></s:numFmts>'
    '<s:fonts count="4"><s:font><s:sz val="11"/></s:font><s:font><s:color rgb="FF0000FF"/></s:font>'
    '<s:font><s:color indexed="10"/></s:font><s:font><s:color theme="1"/></s:font></s:fonts>'
    '<s:cellStyleXfs count="1"><s:xf fontId="2"/></s:cellStyleXfs>'
    '<s:cellXfs count="5"><s:xf fontId="0"/><s:xf fontId="1" numFmtId="0"/><s:xf fontId="2" numFmtId="10"/><s:xf fontId="3" numFmtId="171"/><s:xf fontId="0" numFmtId="170"/></s:cellXfs>'
    '<s:dxfs count="1"><s:dxf><s:font><s:color rgb="FF00FF00"/></s:font></s:dxf></s:dxfs>'
    '</s:styleSheet>' % MAIN,
    'book/tables/data.xml': '<?xml version="1.0"?><worksheet xmlns="%s"><dimension ref="A1:D4"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>55273.90431670826</v></c><c r="C1" s="2"><v>0.01371396895806343</v></c><c r="D1" t="inlineStr" s="3"><is><t>inline</t></is></c></row>'
    '<row r="2"><c t="s"><v>1</v></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c t="str"><f>A1</f><v>formula text</v></c></row>'
    '<row><c r="AB3" s="4"><v>-1.5E-3</v></c><c><v>42</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="B4" t="s"><v>2</v></c><c r="C4" s="9"/></row>'
    '</sheetData></worksheet>' % MAIN,
    'book/tables/second.xml': '<?xml version="1.0"?><worksheet xmlns="%s"><sheetData/></worksheet>' % MAIN,
}


def write_zip(path, parts, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', compress) as z:
        for name, data in parts.items():
            zi = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = compress
            z.writestr(zi, data)
    open(path, 'wb').write(buf.getvalue())
    return buf.getvalue()


def xlsx_files():
    d = OUT + '/xlsx/'
    good = write_zip(d + 'layout.xlsx', LAYOUT)
    open(d + 'truncated.xlsx', 'wb').write(good[:len(good) // 2])
    p = dict(LAYOUT)
    del p['book/tables/data.xml']
    write_zip(d + 'missing-sheet.xlsx', p)
    p = dict(LAYOUT)
    del p['book/main.xml']
    write_zip(d + 'missing-workbook.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/data.xml'] = p['book/tables/data.xml'].replace('<c r="B4" t="s"><v>2</v>', '<c r="B4" t="s"><v>7</v>')
    write_zip(d + 'sst-range.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/data.xml'] = p['book/tables/data.xml'].replace('<dimension ref="A1:D4"/>', '<dimension ref="A1:XFE1048577"/>')
    write_zip(d + 'huge-dimension.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/data.xml'] = p['book/tables/data.xml'].replace('<sheetData>', '<sheetData>' + ' ' * (3 << 20))
    write_zip(d + 'bomb.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/data.xml'] = p['book/tables/data.xml'].replace('<row r="2">', '<row r="2"\n><c r="A2"></row>')
    write_zip(d + 'bad-xml.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/data.xml'] = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                                 '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + p['book/tables/data.xml'][21:])
    write_zip(d + 'doctype.xlsx', p)
    # issue 11: formulas saved without values; one sheet part listed twice;
    # a relationship Id defined twice; many rows (head reads, budgets)
    p = dict(LAYOUT)
    p['book/tables/second.xml'] = ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>'
                                   '<row r="1"><c r="A1"><f>SUM(B1:B2)</f></c><c r="B1" t="str"><f>A1&amp;"x"</f></c>'
                                   '<c r="C1"><f t="shared" ref="C1:C2" si="0">B1*2</f><v>4.5</v></c><c r="D1"><f t="shared" si="0"/></c>'
                                   '<c r="E1" t="inlineStr"><f>X</f><is><t>kept</t></is></c></row>'
                                   '</sheetData></worksheet>' % MAIN)
    write_zip(d + 'formula.xlsx', p)
    p = dict(LAYOUT)
    p['book/_rels/main.xml.rels'] = p['book/_rels/main.xml.rels'].replace(
        'Target="/book/tables/../tables/second.xml"', 'Target="tables/data.xml"')
    write_zip(d + 'part-twice.xlsx', p)
    p = dict(LAYOUT)
    p['book/_rels/main.xml.rels'] = p['book/_rels/main.xml.rels'].replace('Id="ss"', 'Id="s1"')
    write_zip(d + 'duplicate-rel-id.xlsx', p)
    p = dict(LAYOUT)
    p['book/tables/second.xml'] = ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % MAIN +
                                   ''.join('<row r="%d"><c r="A%d"><v>%d.25</v></c><c r="B%d" t="inlineStr"><is><t>r%d</t></is></c></row>'
                                           % (r, r, r, r, r) for r in range(1, 1001)) +
                                   '</sheetData></worksheet>')
    write_zip(d + 'rows.xlsx', p)


xlsx_files()
