#!/usr/bin/env python3
"""Check the ZIP container of an EPUB, byte by byte (OCF 3.3, section 4.2).

    usage: python3 epub-container.py BOOK.epub      exit 0 pass, 1 fail, 2 usage

- the first local file header is `mimetype`, at offset 0, stored (method 0),
  with no extra field, no data descriptor and no encryption, and its data is
  exactly `application/epub+zip` (so that `file` and readers that sniff
  bytes 30..57 recognise the book);
- `mimetype` occurs once; every other entry is deflated (method 8), but
  images compressed already (PNG, JPEG, GIF, WebP), which are stored
  (method 0), their sizes equal;
- every entry name is ASCII (Kindle Previewer rejects other names), with no
  backslash, no leading `/`, no `..` segment, and no name occurs twice;
- every entry has the same DOS date and time, in its local header and in
  the central directory, and the same values in any extended timestamp
  extra field (0x5455 UT, 0x000a NTFS), so that the time of the build
  does not reach the bytes;
- the local headers agree with the central directory (name, method,
  sizes), there is no ZIP64, no archive comment, and the archive holds
  META-INF/container.xml.

Standard library only (struct, zipfile, zlib).
"""
import struct
import sys
import zipfile
import zlib

MIMETYPE = b"application/epub+zip"
COMPRESSED_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
LFH = struct.Struct("<4sHHHHHIIIHH")  # local file header, 30 bytes
CDH = struct.Struct("<4sHHHHHHIIIHHHHHII")  # central directory header, 46 bytes
EOCD = struct.Struct("<4sHHHHIIH")  # end of central directory, 22 bytes


def dos_time(t, d):
    return "%04d-%02d-%02d %02d:%02d:%02d" % (
        (d >> 9) + 1980, (d >> 5) & 15, d & 31, t >> 11, (t >> 5) & 63, (t & 31) * 2)


def extra_times(extra):
    """The timestamp-bearing extra fields of an entry, as comparable tuples."""
    out = []
    i = 0
    while i + 4 <= len(extra):
        hid, size = struct.unpack_from("<HH", extra, i)
        data = extra[i + 4:i + 4 + size]
        if hid == 0x5455:  # extended timestamp: flags, then up to 3 times
            out.append(("UT", data[1:]))
        elif hid == 0x000A:  # NTFS: reserved, then tagged attributes
            out.append(("NTFS", data[4:]))
        i += 4 + size
    return out


def extra_ids(extra):
    ids = []
    i = 0
    while i + 4 <= len(extra):
        hid, size = struct.unpack_from("<HH", extra, i)
        ids.append("0x%04x" % hid)
        i += 4 + size
    return ids


def main(argv):
    if len(argv) != 2:
        print("usage: epub-container.py BOOK.epub", file=sys.stderr)
        return 2
    path = argv[1]
    with open(path, "rb") as f:
        data = f.read()
    fails = []

    def bad(msg):
        fails.append(msg)

    # 1. The first local file header, read from the bytes themselves.
    if len(data) < LFH.size + 8 + len(MIMETYPE):
        print("FAIL: %s is too short (%d bytes) to be an EPUB" % (path, len(data)), file=sys.stderr)
        return 1
    (sig, _ver, flags, method, mtime, mdate, crc, csize, usize, nlen,
     xlen) = LFH.unpack_from(data, 0)
    if sig != b"PK\x03\x04":
        bad("the file does not start with a ZIP local file header (PK\\3\\4): %r" % data[:4])
    else:
        name = data[30:30 + nlen]
        if name != b"mimetype":
            bad("the first entry is %r, want 'mimetype'" % name.decode("latin-1"))
        else:
            if method != 0:
                bad("the first entry (mimetype) has compression method %d, want 0 (stored)" % method)
            if xlen != 0:
                bad("the first entry (mimetype) has an extra field of %d bytes (%s), want none"
                    % (xlen, ", ".join(extra_ids(data[30 + nlen:30 + nlen + xlen]))))
            if flags & 0x0008:
                bad("the first entry (mimetype) uses a data descriptor (flag bit 3)")
            if flags & 0x0001:
                bad("the first entry (mimetype) is encrypted")
            content = data[30 + nlen + xlen:30 + nlen + xlen + csize]
            if method == 0 and (content != MIMETYPE or usize != len(MIMETYPE)
                                or crc != zlib.crc32(MIMETYPE)):
                bad("the mimetype entry holds %r, want exactly %r"
                    % (content[:64], MIMETYPE.decode()))
            if data[30:58] != b"mimetype" + MIMETYPE:
                bad("bytes 30-57 are %r, want 'mimetypeapplication/epub+zip'" % data[30:58])

    # 2. Every entry, from the central directory, checked against its local
    #    header.
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        bad("not a ZIP archive: %s" % e)
        for m in fails:
            print("FAIL: " + m, file=sys.stderr)
        return 1
    infos = zf.infolist()
    if zf.comment:
        bad("the archive has a comment (%d bytes)" % len(zf.comment))
    eocd_at = data.rfind(b"PK\x05\x06")
    if data.find(b"PK\x06\x06") >= 0 and data.find(b"PK\x06\x07") >= 0:
        bad("the archive uses ZIP64")
    if eocd_at < 0:
        bad("no end of central directory record")

    names = set()
    stamps = {}
    ext_stamps = {}
    mimetype_count = 0
    stored = 0
    for i, zi in enumerate(infos):
        raw = zi.orig_filename
        where = "entry %d (%s)" % (i + 1, raw)
        if raw == "mimetype":
            mimetype_count += 1
            if i != 0:
                bad("%s: mimetype is not the first entry" % where)
        elif raw.lower().endswith(COMPRESSED_IMAGES):
            stored += 1
            if zi.compress_type != zipfile.ZIP_STORED or zi.compress_size != zi.file_size:
                bad("%s: compression method %d (%d of %d bytes), want 0 (stored: "
                    "the image is compressed already)"
                    % (where, zi.compress_type, zi.compress_size, zi.file_size))
        elif zi.compress_type != zipfile.ZIP_DEFLATED:
            bad("%s: compression method %d, want 8 (deflated)" % (where, zi.compress_type))
        try:
            raw.encode("ascii")
            if zi.flag_bits & 0x800:
                bad("%s: the UTF-8 name flag (bit 11) is set on an ASCII name" % where)
        except UnicodeEncodeError:
            bad("%s: the name is not ASCII" % where)
        if "\\" in raw or raw.startswith("/") or ".." in raw.split("/"):
            bad("%s: the name is not a plain relative path" % where)
        if raw in names:
            bad("%s: the name occurs twice" % where)
        names.add(raw)
        if zi.flag_bits & 0x0001:
            bad("%s: encrypted" % where)
        stamps.setdefault(zi.date_time, []).append(raw)
        for t in extra_times(zi.extra):
            ext_stamps.setdefault(t, []).append(raw + " (central)")

        # The local header of this entry.
        off = zi.header_offset
        (sig, _ver, lflags, lmethod, lmtime, lmdate, _crc, _cs, _us, lnlen,
         lxlen) = LFH.unpack_from(data, off)
        lname = data[off + 30:off + 30 + lnlen]
        lextra = data[off + 30 + lnlen:off + 30 + lnlen + lxlen]
        if sig != b"PK\x03\x04":
            bad("%s: no local file header at offset %d" % (where, off))
            continue
        if lname.decode("utf-8", "replace") != raw and lname.decode("cp437") != raw:
            bad("%s: the local header names %r" % (where, lname))
        if lmethod != zi.compress_type:
            bad("%s: method %d in the local header, %d in the central directory"
                % (where, lmethod, zi.compress_type))
        lstamp = dos_time(lmtime, lmdate)
        stamps.setdefault(("local",) + (lstamp,), []).append(raw)
        for t in extra_times(lextra):
            ext_stamps.setdefault(t, []).append(raw + " (local)")
        # The data itself must decompress and match its CRC.
        try:
            zf.read(zi)
        except Exception as e:  # noqa: BLE001 - report any failure
            bad("%s: cannot be read: %s" % (where, e))

    if mimetype_count != 1:
        bad("the archive holds %d entries named mimetype, want 1" % mimetype_count)
    if "META-INF/container.xml" not in names:
        bad("no META-INF/container.xml")

    # All central-directory DOS times equal, and equal to the local ones.
    central = {k: v for k, v in stamps.items() if k[0] != "local"}
    local = {k[1]: v for k, v in stamps.items() if k[0] == "local"}
    if len(central) > 1:
        bad("the entries have %d different timestamps: %s" % (len(central), "; ".join(
            "%04d-%02d-%02d %02d:%02d:%02d: %s" % (k + (", ".join(v[:4]) + (" ..." if len(v) > 4 else ""),))
            for k, v in sorted(central.items()))))
    if len(local) > 1:
        bad("the local headers have %d different timestamps: %s" % (len(local), ", ".join(sorted(local))))
    if len(central) == 1 and len(local) == 1:
        c = "%04d-%02d-%02d %02d:%02d:%02d" % next(iter(central))
        if c != next(iter(local)):
            bad("timestamp %s in the central directory, %s in the local headers" % (c, next(iter(local))))
    kinds = {k[0] for k in ext_stamps}
    for kind in kinds:
        values = [k for k in ext_stamps if k[0] == kind]
        if len(values) > 1:
            bad("the %s extra fields hold %d different times" % (kind, len(values)))

    if fails:
        for m in fails:
            print("FAIL: " + m, file=sys.stderr)
        return 1
    stamp = next(iter(central)) if central else None
    print("ok: %s: mimetype first, stored, no extra field; %d entries deflated, %d images "
          "stored; ASCII names; all dated %s" % (path, len(infos) - 1 - stored, stored,
                             "%04d-%02d-%02d %02d:%02d:%02d" % stamp if stamp else "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
