#!/usr/bin/env python3
"""Check examples/sample-archive against examples/sample-gold (python3 + pdftotext).

  - every file decodes in its documented encoding;
  - every .eml / the mbox parses, with the intended attachments;
  - the PDF has a text layer with one page per form feed;
  - every gold sentence, date text and surface form occurs in the extracted text
    (after collapsing runs of whitespace to one space: cables and e-mails wrap lines);
  - Solar Hijri and lunar Hijri gold dates agree with their ISO dates;
  - every search query (after simple Arabic/Persian folding) occurs in its file.

Usage: python3 examples/tools/check_sample_archive.py [--dump DIR]
  --dump DIR  also writes the extracted text of every file to DIR (for eyeballing).
Exit status 0 when everything is consistent.
"""
import datetime as dt
import email
import html
import mailbox
import os
import re
import subprocess
import sys
from email import policy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARCHIVE = os.path.join(ROOT, 'sample-archive')
GOLD = os.path.join(ROOT, 'sample-gold')

# path -> (encoding, language) as documented in examples/README.md
FILES = {
    'cables/19TALHARIR412.html': ('utf-8', 'en'),
    'cables/TH-2019-0311_telegram.txt': ('utf-8', 'en'),
    'reports/station_report_2019-05-20.txt': ('utf-8', 'en'),
    'reports/field_note_kuhsar_2019-08-16.txt': ('cp1252', 'en'),
    'reports/source_profile_marzouqi_2019-06-30.txt': ('utf-8', 'en'),
    'reports/taqrir_dakhili_1441-03-15.txt': ('cp1256', 'ar'),
    'reports/mahdar_ijtima_2019-06-18.txt': ('utf-8', 'ar'),
    'reports/bayan_fvm_2019-07-20.txt': ('utf-8', 'ar'),
    'reports/gozaresh_mahramaneh_1398-07-25.txt': ('utf-16', 'fa'),
    'reports/yaddasht_safar_dubai_1398-07.txt': ('utf-8', 'fa'),
    'reports/hokm_entesab_1397-06-15.txt': ('utf-8', 'fa'),
    'reports/shonud_1398-08-10.txt': ('utf-8', 'fa'),
    'mail/2019-09-03_invoice_CH-2019-117.eml': ('ascii', 'en'),
    'mail/2019-10-21_voss_followup.eml': ('ascii', 'en'),
    'mail/2019-11-12_liqa_dubai.eml': ('ascii', 'ar'),
    'mail/1398-08-05_hazine_istgah.eml': ('ascii', 'fa'),
    'mail/mailbox.mbox': ('utf-8', 'ar,en,fa'),
    'news/observer_2019-03-15_shaheri-kamalvand.html': ('utf-8', 'en'),
    'news/observer_2019-10-18_arzhan-foundation.html': ('utf-8', 'en'),
    'news/marsad_2019-04-02_kamalvand.html': ('utf-8', 'ar'),
    'news/marsad_2019-11-13_shaheri.html': ('cp1256', 'ar'),
    'news/bonyad-arzhan_1398-06-30.html': ('utf-8', 'fa'),
    'finance/crescent_horizon_expenses_Q3_2019.pdf': ('pdf', 'en'),
    'finance/alnoor_expenses_2019-09.html': ('utf-8', 'en'),
    'finance/wire_confirmation_2019-07-08.txt': ('utf-8', 'en'),
    'finance/kashf_hisab_alnoor_2019.txt': ('utf-8', 'ar'),
    'finance/daftar_bonyad_1398.txt': ('utf-8', 'fa'),
}

# attachments each mail file must carry
ATTACHMENTS = {
    'mail/2019-09-03_invoice_CH-2019-117.eml': ['invoice.txt'],
    'mail/mailbox.mbox': ['receipt_1398-07-24.txt'],
}
MBOX_MESSAGES = 4

errors = []


def err(msg):
    errors.append(msg)
    print('ERROR:', msg)


def decode(path, enc):
    raw = open(os.path.join(ARCHIVE, path), 'rb').read()
    if enc == 'utf-16':
        if not raw.startswith(b'\xff\xfe'):
            err('%s: no UTF-16LE BOM' % path)
        return raw[2:].decode('utf-16-le')
    if enc == 'utf-8' and raw.startswith(b'\xef\xbb\xbf'):
        err('%s: unexpected UTF-8 BOM' % path)
    text = raw.decode(enc)  # raises on a wrong encoding
    if enc in ('cp1252', 'cp1256'):
        try:
            raw.decode('utf-8')
            err('%s: claims %s but is valid UTF-8' % (path, enc))
        except UnicodeDecodeError:
            pass
    return text


def html_text(src):
    src = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', src)
    src = re.sub(r'(?s)<!--.*?-->', ' ', src)
    src = re.sub(r'(?i)<(br|p|div|tr|h\d|li|pre|table|article|footer|header|nav)\b[^>]*>', '\n', src)
    src = re.sub(r'(?s)<[^>]+>', ' ', src)
    return html.unescape(src)


def html_title(src):
    m = re.search(r'(?is)<title>(.*?)</title>', src)
    return html.unescape(m.group(1)).strip() if m else ''


def message_text(msg, path):
    parts = ['Subject: ' + str(msg['Subject'] or ''), 'From: ' + str(msg['From'] or '')]
    names = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_filename():
            names.append(part.get_filename())
        if part.get_content_maintype() == 'text':
            parts.append(part.get_content())
    return '\n'.join(parts), names


def extract(path):
    """Return (text, meta) with meta = {'title': [...], 'from': [...]}."""
    enc, _ = FILES[path]
    full = os.path.join(ARCHIVE, path)
    meta = {'title': [], 'from': []}
    if enc == 'pdf':
        out = subprocess.run(['pdftotext', '-enc', 'UTF-8', full, '-'], capture_output=True, check=True).stdout.decode()
        pages = [p for p in out.split('\f') if p.strip()]
        if len(pages) != 2:
            err('%s: expected 2 pages of text, got %d' % (path, len(pages)))
        return out, meta
    text = decode(path, enc)
    if path.endswith('.html'):
        meta['title'].append(html_title(text))
        return html_text(text), meta
    if path.endswith('.eml'):
        msg = email.message_from_bytes(open(full, 'rb').read(), policy=policy.default)
        if msg.defects:
            err('%s: defects %s' % (path, msg.defects))
        for h in ('From', 'To', 'Date', 'Subject', 'Message-ID'):
            if not msg[h]:
                err('%s: missing %s' % (path, h))
        body, names = message_text(msg, path)
        if sorted(names) != sorted(ATTACHMENTS.get(path, [])):
            err('%s: attachments %s' % (path, names))
        meta['title'].append(str(msg['Subject']))
        meta['from'].append(msg['From'].addresses[0].addr_spec)
        return body, meta
    if path.endswith('.mbox'):
        box = mailbox.mbox(full)
        texts, names = [], []
        for key in box.keys():
            msg = email.message_from_bytes(box.get_bytes(key), policy=policy.default)
            if msg.defects:
                err('%s[%s]: defects %s' % (path, key, msg.defects))
            body, n = message_text(msg, path)
            texts.append(body)
            names += n
            meta['title'].append(str(msg['Subject']))
            meta['from'].append(msg['From'].addresses[0].addr_spec)
        if len(texts) != MBOX_MESSAGES:
            err('%s: %d messages' % (path, len(texts)))
        if sorted(names) != sorted(ATTACHMENTS.get(path, [])):
            err('%s: attachments %s' % (path, names))
        return '\n'.join(texts), meta
    return text, meta


def ws(s):
    return re.sub(r'\s+', ' ', s).strip()


HARAKAT = re.compile('[\u064b-\u0652\u0670\u0640]')
FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك',
                      'ة': 'ه', 'ۀ': 'ه', 'ؤ': 'و', '\u200c': None, '\u200f': None, '\u200e': None,
                      **{chr(0x660 + i): str(i) for i in range(10)},
                      **{chr(0x6f0 + i): str(i) for i in range(10)}})


def fold(s):
    s = HARAKAT.sub('', s).translate(FOLD).lower()
    return ws(s.replace('می ', 'می').replace('مي ', 'مي'))


# --- calendars -------------------------------------------------------------
def solar_hijri_to_greg(y, m, d):
    starts = {1397: dt.date(2018, 3, 21), 1398: dt.date(2019, 3, 21), 1399: dt.date(2020, 3, 20)}
    return starts[y] + dt.timedelta(days=sum(31 if i < 6 else 30 for i in range(m - 1)) + d - 1)


# Umm al-Qura month starts used in the archive (1 <month> <year> AH -> Gregorian)
HIJRI_MONTH_START = {
    (1440, 10): dt.date(2019, 6, 4),    # Shawwal 1440
    (1441, 1): dt.date(2019, 8, 31),    # Muharram 1441
    (1441, 3): dt.date(2019, 10, 29),   # Rabi al-Awwal 1441
}
HIJRI_MONTHS = {'شوال': 10, 'ربيع الأول': 3, 'محرم': 1}
SH_MONTHS = {'فروردین': 1, 'اردیبهشت': 2, 'خرداد': 3, 'تیر': 4, 'مرداد': 5, 'شهریور': 6, 'مهر': 7,
             'آبان': 8, 'آذر': 9, 'دی': 10, 'بهمن': 11, 'اسفند': 12, 'Mehr': 7}


def digits(s):
    return s.translate({**{0x660 + i: str(i) for i in range(10)}, **{0x6f0 + i: str(i) for i in range(10)}})


def check_calendar(text, iso, cal, where):
    t = digits(text)
    if cal == 'solar_hijri':
        m = re.search(r'(\d{4})/(\d{1,2})/(\d{1,2})', t)
        if m:
            y, mo, d = map(int, m.groups())
        else:
            m = re.search(r'(\d{1,2}) (\S+)(?: (\d{4}))?', t)
            if not m:
                return err('%s: cannot parse solar hijri %r' % (where, text))
            d, mo, y = int(m.group(1)), SH_MONTHS[m.group(2)], int(m.group(3) or 1398)
        got = solar_hijri_to_greg(y, mo, d)
    elif cal == 'hijri':
        m = re.search(r'(\d{1,2}) (شوال|ربيع الأول|محرم) (\d{4})', t)
        if not m:
            return err('%s: cannot parse hijri %r' % (where, text))
        got = HIJRI_MONTH_START[(int(m.group(3)), HIJRI_MONTHS[m.group(2)])] + dt.timedelta(days=int(m.group(1)) - 1)
    else:
        return
    if got.isoformat() != iso:
        err('%s: %r is %s, gold says %s' % (where, text, got, iso))


def read_tsv(name):
    rows = []
    with open(os.path.join(GOLD, name), encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for n, line in enumerate(f, 2):
            if not line.strip():
                continue
            cells = line.rstrip('\n').split('\t')
            if len(cells) != len(header):
                err('%s:%d: %d cells, header has %d' % (name, n, len(cells), len(header)))
                continue
            rows.append((n, dict(zip(header, cells))))
    return rows


def main():
    dump = sys.argv[sys.argv.index('--dump') + 1] if '--dump' in sys.argv else None
    on_disk = set()
    for dp, _, fns in os.walk(ARCHIVE):
        for fn in fns:
            rel = os.path.relpath(os.path.join(dp, fn), ARCHIVE)
            if rel != 'README.md':
                on_disk.add(rel)
    for extra in sorted(on_disk - set(FILES)):
        err('undocumented file %s' % extra)
    texts, metas = {}, {}
    for path in FILES:
        if not os.path.exists(os.path.join(ARCHIVE, path)):
            err('missing %s' % path)
            continue
        texts[path], metas[path] = extract(path)
        if dump:
            out = os.path.join(dump, path + '.txt')
            os.makedirs(os.path.dirname(out), exist_ok=True)
            open(out, 'w', encoding='utf-8').write(texts[path])
    norm = {p: ws(t) for p, t in texts.items()}
    everything = '\n'.join(norm.values())

    ents = {}
    for n, r in read_tsv('entities.tsv'):
        ents[r['entity_id']] = r
        if r['type'] not in ('PERSON', 'ORG', 'LOCATION'):
            err('entities.tsv:%d: type %s' % (n, r['type']))
        for form in r['surface_forms'].split(' | '):
            if form not in everything:
                err('entities.tsv:%d: surface form %r not in archive' % (n, form))

    def known(tsv, n, r, *cols):
        for c in cols:
            if r[c] not in ents:
                err('%s:%d: unknown entity %s' % (tsv, n, r[c]))
        if r['file'] not in norm:
            err('%s:%d: unknown file %s' % (tsv, n, r['file']))
            return False
        return True

    types = {'member_of', 'leads', 'close_ties', 'met_with', 'paid', 'family', 'opposes',
             'communicated_with', 'located_in'}
    for n, r in read_tsv('ties.tsv'):
        if r['type'] not in types:
            err('ties.tsv:%d: type %s' % (n, r['type']))
        if known('ties.tsv', n, r, 'source_id', 'target_id') and r['sentence'] not in norm[r['file']]:
            err('ties.tsv:%d: sentence not in %s: %r' % (n, r['file'], r['sentence']))

    for n, r in read_tsv('payments.tsv'):
        known('payments.tsv', n, r, 'payer_id', 'payee_id')
        float(r['amount'])
        if r['date']:
            dt.date.fromisoformat(r['date'])

    for n, r in read_tsv('dates.tsv'):
        if r['file'] not in norm:
            err('dates.tsv:%d: unknown file %s' % (n, r['file']))
            continue
        if r['text'] not in norm[r['file']]:
            err('dates.tsv:%d: %r not in %s' % (n, r['text'], r['file']))
        iso = r['iso_date']
        want = {'day': r'\d{4}-\d\d-\d\d', 'month': r'\d{4}-\d\d', 'year': r'\d{4}'}[r['precision']]
        if not re.fullmatch(want, iso):
            err('dates.tsv:%d: %s does not match precision %s' % (n, iso, r['precision']))
        if r['calendar'] not in ('gregorian', 'solar_hijri', 'hijri', 'relative'):
            err('dates.tsv:%d: calendar %s' % (n, r['calendar']))
        if r['precision'] == 'day':
            check_calendar(r['text'], iso, r['calendar'], 'dates.tsv:%d' % n)

    for n, r in read_tsv('searches.tsv'):
        q, path = r['query'], r['file']
        if path not in norm:
            err('searches.tsv:%d: unknown file %s' % (n, path))
            continue
        terms = []
        for tok in re.findall(r'"[^"]+"|\S+', q):
            field, _, value = tok.partition(':') if re.match(r'^(lang|from|title):', tok) else ('', '', tok)
            if field == 'lang':
                if value not in FILES[path][1]:
                    err('searches.tsv:%d: %s is not %s' % (n, path, value))
            elif field == 'from':
                if value not in metas[path]['from']:
                    err('searches.tsv:%d: no message from %s in %s' % (n, value, path))
            elif field == 'title':
                if not any(fold(value.strip('"')) in fold(t) for t in metas[path]['title']):
                    err('searches.tsv:%d: title of %s lacks %s' % (n, path, value))
            else:
                terms.append(value.strip('"'))
        for t in terms:
            if fold(t) not in fold(norm[path]):
                err('searches.tsv:%d: %r not found in %s' % (n, t, path))

    # text inside <script>/<style> must not leak into extracted text
    for p, t in norm.items():
        for token in ('observerTrack', 'شريط_الأخبار_العاجلة', 'font-family', 'siteMenu'):
            if token in t:
                err('%s: script/style text %r leaked' % (p, token))

    print('%d files, %d entities checked; %s' % (len(texts), len(ents), 'OK' if not errors else '%d errors' % len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
