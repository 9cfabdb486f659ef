#!/usr/bin/env python3
"""Write the catalogue of hostile inputs in tests/bad/files.

    python3 tests/bad/make_bad.py            # the committed small files
    python3 tests/bad/make_bad.py --big DIR  # the big ones, at test time

Every file is made here from a few lines of text or from the excerpts in
tests/data (never from a publisher's download), so the catalogue can be
rebuilt and reviewed.  MANIFEST says what defspend must answer for each.
The big inputs (a 10 MB field, zip bombs, an xlsx part over the limit)
are written only at test time by run_bad.py (--big), never committed.
"""
import io
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')

WDI_HEAD = (b'"Data Source","World Development Indicators",\n\n'
            b'"Last Updated Date","2025-10-07",\n\n')
YEARS = [str(y) for y in range(2020, 2025)]
WDI_COLS = (b'"Country Name","Country Code","Indicator Name","Indicator Code",' +
            b','.join(b'"%s"' % y.encode() for y in YEARS) + b',\n')


def wdi(rows, head=WDI_HEAD, cols=WDI_COLS):
    return head + cols + b''.join(rows)


def gdp_row(vals, name=b'Japan', code=b'JPN'):
    return (b'"%s","%s","GDP (current US$)","NY.GDP.MKTP.CD",' % (name, code) +
            b','.join(b'"%s"' % v for v in vals) + b',\n')


GOOD = [b'5.1e12', b'5.0e12', b'4.26e12', b'4.2e12', b'4.03e12']
STORE_HEAD = (b'country,year,year_basis,indicator,value,currency,price_basis,'
              b'definition,source,vintage,flags,note\n')


def store(*rows):
    return STORE_HEAD + b''.join(r + b'\n' for r in rows)


def srow(value=b'4026210821146.81', year=b'2024', note=b'', country=b'JPN'):
    return (country + b',' + year + b',calendar,gdp,' + value +
            b',USD,current,wdi,World Bank WDI NY.GDP.MKTP.CD,2025-10-07,,' + note)


OWID_HEAD = b'Entity,Code,Year,military_expenditure_share_gdp\n'
FRED_HEAD = b'observation_date,DEXJPUS\n'
SIPRI_CSV = open(os.path.join(DATA, 'sipri', 'sipri-current-usd.csv'), 'rb').read()
WEO_LATIN1 = open(os.path.join(DATA, 'import', 'weo',
                               'apr2021_ngdpd_excerpt_latin1.xls'), 'rb').read()
WEO_UTF16 = open(os.path.join(DATA, 'import', 'weo',
                              'apr2021_ngdpd_excerpt_utf16le.xls'), 'rb').read()
SIPRI_XLSX = os.path.join(DATA, 'sipri', 'sipri-excerpt.xlsx')
NATO_XLSX = os.path.join(DATA, 'nato', 'nato-excerpt.xlsx')
WDI_ZIP = os.path.join(DATA, 'import', 'wdi',
                       'API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip')


def zip_of(members, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = method
            z.writestr(zi, data)
    return buf.getvalue()


def rewrite(src, edit):
    """src's members through edit(name, data) -> data, None (drop)."""
    zin = zipfile.ZipFile(src)
    out = []
    for info in zin.infolist():
        d = edit(info.filename, zin.read(info.filename))
        if d is not None:
            out.append((info.filename, d))
    return zip_of(out)


def replace_in(part, old, new):
    def edit(name, data):
        if name == part:
            assert old in data, (part, old)
            return data.replace(old, new, 1)
        return data
    return edit


def drop(part):
    return lambda name, data: None if name == part else data


def lines_of(data, n):
    return b''.join(data.splitlines(True)[:n])


def small():
    f = {}
    # ---- WDI CSV
    f['wdi-empty.csv'] = b''
    f['wdi-header-only.csv'] = wdi([])
    f['wdi-preamble-only.csv'] = WDI_HEAD
    full = wdi([gdp_row(GOOD)])
    f['wdi-truncated-in-quote.csv'] = full[:len(full) - 16]
    f['wdi-ragged-row.csv'] = wdi([gdp_row(GOOD[:3])[:-2] + b'\n'])
    f['wdi-unbalanced-quote.csv'] = wdi([gdp_row(GOOD).replace(b'"Japan"', b'"Ja"pan"')])
    f['wdi-nul-byte.csv'] = wdi([gdp_row(GOOD).replace(b'4.26e12', b'4.2\x006e12')])
    f['wdi-invalid-utf8.csv'] = wdi([gdp_row(GOOD, name=b'Jap\xff\xfean')])
    f['wdi-1e400.csv'] = wdi([gdp_row([b'1e400'] + GOOD[1:])])
    f['wdi-nan.csv'] = wdi([gdp_row(GOOD[:2] + [b'NaN'] + GOOD[3:])])
    f['wdi-inf.csv'] = wdi([gdp_row(GOOD[:4] + [b'inf'])])
    f['wdi-negative-gdp.csv'] = wdi([gdp_row(GOOD[:3] + [b'-4.2e12'] + GOOD[4:])])
    f['wdi-minus-zero.csv'] = wdi([gdp_row([b'-0'] + GOOD[1:])])
    f['wdi-year-0.csv'] = wdi([gdp_row(GOOD)], cols=WDI_COLS.replace(b'"2020"', b'"0"'))
    f['wdi-year-99999.csv'] = wdi([gdp_row(GOOD)], cols=WDI_COLS.replace(b'"2024"', b'"99999"'))
    f['wdi-duplicate-conflict.csv'] = wdi([gdp_row(GOOD), gdp_row(GOOD[:4] + [b'4.5e12'])])
    f['wdi-utf16.csv'] = b'\xff\xfe' + wdi([gdp_row(GOOD)]).decode().encode('utf-16-le')
    f['wdi-crlf-cr-only.csv'] = wdi([gdp_row(GOOD)]).replace(b'\n', b'\r')
    # issue 11 case 10: a "Last Updated Date" that is no day
    f['wdi-impossible-date.csv'] = wdi([gdp_row(GOOD)], head=WDI_HEAD.replace(b'2025-10-07', b'2025-02-30'))
    # ---- WDI / DataBank zip
    z = open(WDI_ZIP, 'rb').read()
    f['wdi-zip-truncated.zip'] = z[:len(z) // 2]
    f['wdi-zip-dotdot.zip'] = zip_of([('../../API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv',
                                       wdi([gdp_row(GOOD)]))])
    f['wdi-zip-absolute.zip'] = zip_of([('/tmp/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv',
                                         wdi([gdp_row(GOOD)]))])
    f['wdi-zip-no-data.zip'] = zip_of([('README.txt', b'nothing here\n')])
    f['wdi-zip-empty.zip'] = zip_of([])
    f['wdi-zip-garbage.zip'] = b'PK\x03\x04' + b'\x00garbage' * 40
    db = open(os.path.join(DATA, 'import', 'databank', 'Data_excerpt.csv'), 'rb').read()
    f['databank-ragged.csv'] = db.replace(b',..\n', b'\n', 1)
    f['databank-header-only.csv'] = lines_of(db, 1)
    f['databank-1e400.csv'] = db.replace(b'1211331651829.85', b'1e400', 1)
    f['databank-zip-no-data.zip'] = zip_of([('Metadata.csv', b'x\n')])
    # ---- SIPRI CSV
    f['sipri-truncated.csv'] = SIPRI_CSV[:len(SIPRI_CSV) * 2 // 3]
    f['sipri-header-only.csv'] = lines_of(SIPRI_CSV, 7)
    f['sipri-nul-byte.csv'] = SIPRI_CSV.replace(b'Japan', b'Ja\x00pan', 1)
    # ---- SIPRI / NATO xlsx
    f['sipri-missing-workbook.xlsx'] = rewrite(SIPRI_XLSX, drop('xl/workbook.xml'))
    f['sipri-missing-sheet.xlsx'] = rewrite(SIPRI_XLSX, drop('xl/worksheets/sheet6.xml'))
    f['sipri-missing-rels.xlsx'] = rewrite(SIPRI_XLSX, drop('xl/_rels/workbook.xml.rels'))
    f['sipri-missing-styles.xlsx'] = rewrite(SIPRI_XLSX, drop('xl/styles.xml'))
    f['sipri-huge-dimension.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/worksheets/sheet6.xml', b'<sheetData>',
        b'<dimension ref="A1:XFE1048577"/><sheetData>'))
    f['sipri-huge-row.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/worksheets/sheet6.xml', b'<row r="8"', b'<row r="99999999"'))
    f['sipri-truncated.xlsx'] = open(SIPRI_XLSX, 'rb').read()[:20000]
    f['sipri-bad-xml.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/worksheets/sheet6.xml', b'</sheetData>', b'</sheetDat>'))
    f['sipri-doctype.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/workbook.xml', b'<workbook ',
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<workbook '))
    f['sipri-not-zip.xlsx'] = b'this is not a workbook\n'
    # issue 11 case 10: workbook dates that are no day give no vintage
    f['sipri-impossible-dates.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'docProps/core.xml', b'2025-04-30T13:02:04Z', b'2025-02-31T13:02:04Z'))
    f['sipri-impossible-dates.xlsx'] = rewrite(io.BytesIO(f['sipri-impossible-dates.xlsx']),
        replace_in('docProps/core.xml', b'2025-04-24T06:58:37Z', b'2025-02-29T06:58:37Z'))
    f['sipri-zip-no-workbook.xlsx'] = zip_of([('hello.txt', b'hi\n')])
    # ---- NATO
    f['nato-truncated.xlsx'] = open(NATO_XLSX, 'rb').read()[:30000]
    f['nato-sst-range.xlsx'] = nato_sst_range()
    # ---- issue 11: formulas without a saved value, a sheet part listed
    # twice, duplicate relationship Ids, bytes before the zip
    f['sipri-formula-no-value.xlsx'] = rewrite(SIPRI_XLSX, sipri_formulas)
    f['sipri-sheet-part-twice.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/workbook.xml', b'</sheets>',
        b'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships" name="Current US$ again" sheetId="11" '
        b'r:id="rId6"/></sheets>'))
    f['sipri-duplicate-rel-id.xlsx'] = rewrite(SIPRI_XLSX, replace_in(
        'xl/_rels/workbook.xml.rels', b'Target="/xl/worksheets/sheet7.xml" Id="rId7"',
        b'Target="/xl/worksheets/sheet7.xml" Id="rId6"'))
    f['sipri-junk-before-zip.xlsx'] = b'\x00\x93junk\r\n' * 8 + open(SIPRI_XLSX, 'rb').read()
    # issue 11 #9: a x1000 scale error in the newest year of a series, and
    # in a lone figure that the store already holds in an older vintage
    f['store-scale-newest-year.csv'] = store(
        srow(b'4012.5e9', b'2020'), srow(b'4108.25e9', b'2021'),
        srow(b'4209.75e9', b'2022'), srow(b'4301.5e9', b'2023'),
        srow(b'4412.25e12', b'2024'))
    f['store-scale-vs-stored.csv'] = store(
        srow(b'1712792854202370', b'2023', country=b'KOR'))
    # issue 11 #8: a WDI zip with two data members (Japan, Korea) and the
    # metadata members beside them: both data members are read
    f['wdi-zip-two-data.zip'] = zip_of([
        ('Metadata_Indicator_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv', b'"INDICATOR_CODE"\n'),
        ('API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv', wdi([gdp_row(GOOD)])),
        ('API_NY.GDP.MKTP.CD_DS2_en_csv_v2_2.csv',
         wdi([gdp_row([b'1.74e12', b'1.82e12', b'1.67e12', b'1.71e12', b'1.87e12'],
                      name=b'Korea, Rep.', code=b'KOR')])),
        ('Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv',
         b'"Country Code","Region","IncomeGroup",\n"JPN","East Asia & Pacific","High income",\n'
         b'"KOR","East Asia & Pacific","High income",\n'),
    ])
    # ---- WEO
    f['weo-empty.xls'] = b''
    f['weo-header-only.xls'] = lines_of(WEO_LATIN1, 1)
    f['weo-utf16-odd-length.xls'] = WEO_UTF16[:-1]
    f['weo-utf16-lone-surrogate.xls'] = WEO_UTF16.replace(
        'Japan'.encode('utf-16-le'), b'\x00\xd8' + 'apan'.encode('utf-16-le'), 1)
    f['weo-ragged.xls'] = WEO_LATIN1.replace(b'\t', b'', 30)
    f['weo-1e400.xls'] = weo_value(b'1e400')
    f['weo-nan.xls'] = weo_value(b'nan')
    # ---- OWID
    f['owid-empty.csv'] = b''
    f['owid-header-only.csv'] = OWID_HEAD
    f['owid-year-99999.csv'] = OWID_HEAD + b'Japan,JPN,99999,0.96\n'
    f['owid-year-0.csv'] = OWID_HEAD + b'Japan,JPN,0,0.96\n'
    f['owid-nan.csv'] = OWID_HEAD + b'Japan,JPN,2010,NaN\n'
    f['owid-ragged.csv'] = OWID_HEAD + b'Japan,JPN,2010\n'
    f['owid-share-137.csv'] = OWID_HEAD + b'Japan,JPN,2010,0.96\nJapan,JPN,2011,137.2\n'
    f['owid-duplicate-conflict.csv'] = OWID_HEAD + b'Japan,JPN,2010,0.96\nJapan,JPN,2010,0.97\n'
    # ---- FRED
    f['fred-header-only.csv'] = FRED_HEAD
    f['fred-bad-date.csv'] = FRED_HEAD + b'2015-09-01,119.94\n2015-13-02,120.00\n'
    f['fred-inf.csv'] = FRED_HEAD + b'2015-09-01,inf\n'
    f['fred-year-0.csv'] = FRED_HEAD + b'0000-01-01,119.94\n'
    f['fred-daily-no-annualize.csv'] = FRED_HEAD + b'2015-09-01,119.94\n'
    f['fred-negative-rate.csv'] = b'observation_date,EXJPUS\n' + b''.join(
        b'2023-%02d-01,-130.4\n' % m for m in range(1, 13))
    # issue 11 case 10: days that do not exist were averaged into February
    # (a full year at 140.0, so --annualize would average them in)
    f['fred-impossible-date.csv'] = b'observation_date,DEXJPUS\n' + b''.join(
        b'2023-%02d-%02d,140.0\n' % (m, d) +
        (b'2023-02-29,9999\n2023-02-30,9999\n2023-02-31,9999\n' if (m, d) == (2, 28) else b'')
        for m in range(1, 13) for d in (1, 15, 28))
    # ---- the store's own tidy CSV (import --format tidy, and --data)
    f['store-empty.csv'] = b''
    f['store-bom-only.csv'] = b'\xef\xbb\xbf'
    f['store-header-only.csv'] = STORE_HEAD
    f['store-nul-byte.csv'] = store(srow(note=b'a\x00b'))
    f['store-1e400.csv'] = store(srow(value=b'1e400'))
    f['store-nan.csv'] = store(srow(value=b'NaN'))
    f['store-inf.csv'] = store(srow(value=b'-inf'))
    f['store-minus-zero.csv'] = store(srow(value=b'-0'))
    f['store-year-0.csv'] = store(srow(year=b'0'))
    f['store-year-99999.csv'] = store(srow(year=b'99999'))
    f['store-duplicate-conflict.csv'] = store(srow(), srow(value=b'4.1e12'))
    f['store-ragged.csv'] = store(srow(), b'JPN,2023,calendar,gdp')
    f['store-unterminated-quote.csv'] = store(srow(note=b'"never closed'))
    f['store-invalid-utf8-code.csv'] = store(srow(country=b'J\xc3P'))
    # issue 11 case 5: text that is not UTF-8 used to load, then vanish
    # from JSON output; now refused at the bad byte, on import and on load
    f['store-invalid-utf8-source.csv'] = store(
        b'JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,'
        b'World Bank \xff WDI,2025-10-07,,')
    f['store-invalid-utf8-note.csv'] = store(srow(
        note=b'"a ""quoted"" note\nand a surrogate \xed\xa0\x80"'))
    f['store-formula-note.csv'] = store(srow(note=b'"=HYPERLINK(""http://x"",""y"")"'))
    # issue 11 case 10: a vintage that is no day
    f['store-impossible-vintage.csv'] = store(srow().replace(b'2025-10-07', b'2025-02-31'))
    # ---- no format at all
    f['auto-binary.bin'] = bytes(range(256)) * 4
    return f


def weo_value(v):
    lines = WEO_LATIN1.splitlines(True)
    for i, l in enumerate(lines):
        if l.startswith(b'Japan\t'):
            cells = l.split(b'\t')
            cells[6] = v
            lines[i] = b'\t'.join(cells)
            break
    else:
        raise SystemExit('no Japan row in the WEO excerpt')
    return b''.join(lines)


def sipri_formulas(name, data):
    """Japan's 2022-2024 current-US$ cells as formulas saved without their
    values (<c><f>..</f></c>, as some tools write them); 2024 a shared
    formula's follower, which has no text."""
    if name != 'xl/worksheets/sheet6.xml':
        return data
    for ref, v, f in ((b'BX24', b'43198.16635886158', b'<f>SUM(A1:A2)</f>'),
                      (b'BY24', b'48189.10862139051', b'<f>BX24*1.1</f>'),
                      (b'BZ24', b'55273.90431670826', b'<f t="shared" si="0"/>')):
        old = b'<c r="' + ref + b'" s="9" t="n"><v>' + v + b'</v></c>'
        assert old in data, ref
        data = data.replace(old, b'<c r="' + ref + b'" s="9">' + f + b'</c>', 1)
    return data


def nato_sst_range():
    """The NATO excerpt with one shared-string reference far past the end."""
    zin = zipfile.ZipFile(NATO_XLSX)
    sheet = zin.read('xl/worksheets/sheet2.xml')
    i = sheet.find(b't="s"><v>')
    assert i > 0
    j = sheet.find(b'</v>', i)
    sheet = sheet[:i] + b't="s"><v>99999' + sheet[j:]
    return rewrite(NATO_XLSX, lambda n, d: sheet if n == 'xl/worksheets/sheet2.xml' else d)


def big():
    f = {}
    field = b'x' * (10 << 20)
    f['wdi-10mb-field.csv'] = wdi([gdp_row(GOOD, name=field)])
    f['store-10mb-field.csv'] = store(srow(note=b'"' + field + b'"'))
    f['owid-10mb-line.csv'] = OWID_HEAD + b'Japan,JPN,2010,0.96' + b',' * (10 << 20) + b'\n'
    # a deflate bomb: 1 GiB of one byte in about 1 MB, for the WDI zip and
    # for an xlsx sheet part (limit 256 MiB per part)
    bomb = zipfile.ZipInfo('API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv',
                           date_time=(2025, 1, 1, 0, 0, 0))
    bomb.compress_type = zipfile.ZIP_DEFLATED
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        with z.open(bomb, 'w', force_zip64=True) as w:
            w.write(wdi([]))
            chunk = b',' * (1 << 20)
            for _ in range(1024):
                w.write(chunk)
    f['wdi-zip-bomb.zip'] = buf.getvalue()

    def sheet_bomb(name, data):
        if name == 'xl/worksheets/sheet6.xml':
            return data.replace(b'<sheetData>', b'<sheetData>' + b' ' * (300 << 20), 1)
        return data
    f['sipri-part-bomb.xlsx'] = rewrite(SIPRI_XLSX, sheet_bomb)
    return f


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--big':
        files, out = big(), sys.argv[2]
    elif len(sys.argv) == 1:
        files, out = small(), os.path.join(HERE, 'files')
    else:
        raise SystemExit('usage: make_bad.py [--big DIR]')
    os.makedirs(out, exist_ok=True)
    for name, data in sorted(files.items()):
        with open(os.path.join(out, name), 'wb') as fh:
            fh.write(data)


if __name__ == '__main__':
    main()
