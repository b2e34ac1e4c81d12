#!/usr/bin/env python3
"""Regenerate examples/sample-archive/ (except the PDF, see make_pdf.py).

The archive is entirely fictional.  The document texts live in sample_docs/*.py;
this script only writes them with the encoding each one is meant to have:
  - 'utf-8'  : UTF-8 without BOM
  - 'utf-16' : UTF-16LE with a BOM (FF FE)
  - 'cp1256' : Windows-1256 (Arabic)
  - 'cp1252' : Windows-1252 (Western, curly quotes)
  - 'ascii'  : 7-bit (MIME e-mails whose bodies are base64/quoted-printable)
Line endings are LF, except the Windows-encoded files, which use CRLF as the
Windows tools that would have produced them do.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sample_docs import en, ar, fa, mail  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), 'sample-archive')


def encode(text, enc):
    if enc == 'utf-16':
        return b'\xff\xfe' + text.replace('\n', '\r\n').encode('utf-16-le')
    if enc in ('cp1256', 'cp1252'):
        return text.replace('\n', '\r\n').encode(enc)
    return text.encode(enc)


def main():
    docs = {}
    for mod in (en, ar, fa, mail):
        for path, value in mod.DOCS.items():
            assert path not in docs, path
            docs[path] = value
    for path, (enc, text) in sorted(docs.items()):
        dest = os.path.join(OUT, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'wb') as f:
            f.write(encode(text, enc))
        print('%-8s %s' % (enc, path))


if __name__ == '__main__':
    main()
