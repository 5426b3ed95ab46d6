#!/usr/bin/env python3
"""Say how two binary outputs of a golden test differ.

    explain.py EXPECTED ACTUAL

An EPUB (a zip): the entries only in one of the two, the entries whose
bytes or zip metadata (order, compression, time, attributes) differ, then a
unified diff of every differing text entry (XML, XHTML, CSS, JS, OPF, NCX).
A TrueType/OpenType font: the tables whose bytes differ, the number of
glyphs, and the characters the font maps that only one of the two maps
(a subset font gains or loses letters when the text changes).
Anything else: the sizes and the first differing byte.
Only the standard library is used.
"""
import difflib
import struct
import sys
import zipfile

TEXT_EXT = ('.xml', '.xhtml', '.html', '.opf', '.ncx', '.css', '.js', '.txt',
            '.json', '.svg')
MAX_DIFF_LINES = 120


def say(line=''):
    print(line)


def explain_zip(a_path, b_path):
    a, b = zipfile.ZipFile(a_path), zipfile.ZipFile(b_path)
    a_infos = {i.filename: i for i in a.infolist()}
    b_infos = {i.filename: i for i in b.infolist()}
    a_names = [i.filename for i in a.infolist()]
    b_names = [i.filename for i in b.infolist()]
    for n in a_names:
        if n not in b_infos:
            say(f'  only in expected: {n}')
    for n in b_names:
        if n not in a_infos:
            say(f'  only in actual:   {n}')
    common = [n for n in a_names if n in b_infos]
    if [n for n in a_names if n in b_infos] != [n for n in b_names if n in a_infos]:
        say('  entry order differs:')
        say('    expected: ' + ' '.join(a_names[:12]))
        say('    actual:   ' + ' '.join(b_names[:12]))
    text_diffs = []
    for n in common:
        ia, ib = a_infos[n], b_infos[n]
        da, db = a.read(n), b.read(n)
        notes = []
        if da != db:
            notes.append(f'content ({len(da)} -> {len(db)} bytes)')
            if n.lower().endswith(TEXT_EXT):
                text_diffs.append((n, da, db))
        for field in ('compress_type', 'date_time', 'external_attr', 'extra',
                      'create_system', 'flag_bits'):
            if getattr(ia, field) != getattr(ib, field):
                notes.append(f'{field} {getattr(ia, field)!r} -> {getattr(ib, field)!r}')
        if notes:
            say(f'  differs: {n}: ' + '; '.join(notes))
            if da != db and n.lower().endswith(('.ttf', '.otf')):
                explain_font(da, db)
    if not text_diffs and a_names == b_names and all(
            a.read(n) == b.read(n) for n in common):
        say('  every entry holds the same bytes: the container differs '
            '(local headers, data descriptors, extra fields or the central directory)')
    printed = 0
    for n, da, db in text_diffs:
        lines = list(difflib.unified_diff(
            da.decode('utf-8', 'replace').splitlines(),
            db.decode('utf-8', 'replace').splitlines(),
            f'expected/{n}', f'actual/{n}', lineterm='', n=1))
        for line in lines:
            if printed >= MAX_DIFF_LINES:
                say('  ... (diff cut)')
                return
            say('  ' + line)
            printed += 1


def sfnt_tables(data):
    if len(data) < 12:
        return {}
    (num,) = struct.unpack_from('>H', data, 4)
    tables = {}
    for i in range(num):
        off = 12 + 16 * i
        if off + 16 > len(data):
            break
        tag, _, toff, tlen = struct.unpack_from('>4sIII', data, off)
        tables[tag.decode('latin-1')] = data[toff:toff + tlen]
    return tables


def cmap_chars(tables):
    """The code points a font's cmap maps (formats 4 and 12)."""
    cmap = tables.get('cmap', b'')
    chars = set()
    if len(cmap) < 4:
        return chars
    (n,) = struct.unpack_from('>H', cmap, 2)
    for i in range(n):
        _, _, off = struct.unpack_from('>HHI', cmap, 4 + 8 * i)
        (fmt,) = struct.unpack_from('>H', cmap, off)
        if fmt == 4:
            (segx2,) = struct.unpack_from('>H', cmap, off + 6)
            seg = segx2 // 2
            ends = struct.unpack_from(f'>{seg}H', cmap, off + 14)
            starts = struct.unpack_from(f'>{seg}H', cmap, off + 16 + segx2)
            for s, e in zip(starts, ends):
                if s != 0xFFFF:
                    chars.update(range(s, e + 1))
        elif fmt == 12:
            (groups,) = struct.unpack_from('>I', cmap, off + 12)
            for g in range(groups):
                s, e, _ = struct.unpack_from('>III', cmap, off + 16 + 12 * g)
                chars.update(range(s, e + 1))
    return chars


def show_chars(label, chars):
    if chars:
        text = ' '.join(f'U+{c:04X} {chr(c)}' for c in sorted(chars)[:40])
        more = f' (and {len(chars) - 40} more)' if len(chars) > 40 else ''
        say(f'  {label}: {text}{more}')


def explain_font(a_data, b_data):
    ta, tb = sfnt_tables(a_data), sfnt_tables(b_data)
    for tag in sorted(set(ta) | set(tb)):
        if ta.get(tag) != tb.get(tag):
            say(f'  table {tag}: {len(ta.get(tag, b""))} -> {len(tb.get(tag, b""))} bytes')

    def glyphs(t):
        maxp = t.get('maxp', b'')
        return struct.unpack_from('>H', maxp, 4)[0] if len(maxp) >= 6 else None
    say(f'  glyphs: {glyphs(ta)} -> {glyphs(tb)}')
    ca, cb = cmap_chars(ta), cmap_chars(tb)
    show_chars('characters only in expected', ca - cb)
    show_chars('characters only in actual', cb - ca)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    a_path, b_path = sys.argv[1], sys.argv[2]
    with open(a_path, 'rb') as f:
        a = f.read()
    with open(b_path, 'rb') as f:
        b = f.read()
    say(f'{b_path}: {len(a)} -> {len(b)} bytes')
    try:
        if a[:4] == b'PK\x03\x04' and b[:4] == b'PK\x03\x04':
            explain_zip(a_path, b_path)
            return 0
        if a[:4] in (b'\x00\x01\x00\x00', b'OTTO', b'true') and a[:4] == b[:4]:
            explain_font(a, b)
            return 0
    except (zipfile.BadZipFile, struct.error, ValueError) as e:
        say(f'  cannot read as zip or font: {e}')
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    say(f'  first differing byte at offset {first}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
