#!/usr/bin/env python3
"""Write a small, valid two-page PDF with a real text layer (Helvetica, WinAnsi).

Output: examples/sample-archive/finance/crescent_horizon_expenses_Q3_2019.pdf
A fictional expense report of the invented Crescent Horizon Trading LLC.
No dependencies: the PDF objects, content streams and xref table are written by hand.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), 'sample-archive', 'finance',
                           'crescent_horizon_expenses_Q3_2019.pdf')

PAGE1 = [
    (16, 'CRESCENT HORIZON TRADING LLC'),
    (9, 'Office 1407, Creek Tower, Deira, Dubai - Tel +971 4 555 0142 - accounts@chtrading.ks'),
    (10, ''),
    (14, 'MEMORANDUM - EXPENSE REPORT Q3 2019'),
    (10, ''),
    (10, 'To: Youssef al-Marzouqi, Managing Director'),
    (10, 'From: Accounts Department'),
    (10, 'Date: 2 October 2019'),
    (10, 'Subject: Q3 2019 expenses - Kuhsar logistics project'),
    (10, ''),
    (10, 'This report covers payments made between 1 July 2019 and 30 September 2019 for the Kuhsar project.'),
    (10, ''),
    (10, 'Crescent Horizon paid $45,000 to Al-Noor Exchange on 8 July 2019 (reference LOGISTICS KUH-07).'),
    (10, 'Crescent Horizon paid $12,000 to Behzad Arjomand on 20 August 2019 as a consultancy fee.'),
    (10, 'Arash Tavanaei approved the consultancy fee as a member of the board.'),
    (10, 'Crescent Horizon received AED 250,000 from Al-Noor Exchange on 29 September 2019 for invoice CH-2019-117.'),
    (10, ''),
    (10, 'Mr. Tavanaei asks that the consultancy fee be booked as "regional advisory services" in the annual accounts.'),
    (10, 'The itemised list of payments is on page 2.'),
]

PAGE2 = [
    (14, 'ITEMISED PAYMENTS, Q3 2019'),
    (10, ''),
    (10, 'Date         Payee                      Description                              Amount'),
    (10, '2019-07-08   Al-Noor Exchange           Transfer, ref. LOGISTICS KUH-07          USD 45,000.00'),
    (10, '2019-07-21   Grand Creek Hotel          Accommodation, guests from Arzhan        AED 9,800.00'),
    (10, '2019-08-20   Behzad Arjomand            Consultancy fee                          USD 12,000.00'),
    (10, '2019-09-10   Kuhsar Freight Co.         Trucking, Kuhsar crossing                USD 6,200.00'),
    (10, ''),
    (10, 'Total paid in USD: 63,200.00      Total paid in AED: 9,800.00'),
    (10, 'Received: AED 250,000.00 from Al-Noor Exchange (2019-09-29, invoice CH-2019-117).'),
    (10, ''),
    (10, 'Prepared by the Accounts Department, 2 October 2019.'),
    (10, 'Approved: Y. Marzouqi'),
]


def esc(s):
    return s.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')


def content_stream(lines, page_no, pages):
    out = ['BT', '50 790 Td']
    for size, text in lines:
        out.append('/F1 %d Tf' % size)
        out.append('0 -%d Td' % (size + 6))
        if text:
            out.append('(%s) Tj' % esc(text))
    out.append('ET')
    out.append('BT /F1 8 Tf 270 30 Td (Page %d of %d) Tj ET' % (page_no, pages))
    return '\n'.join(out).encode('cp1252')


def build():
    pages = [PAGE1, PAGE2]
    objs = []  # index i -> object number i+1

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    pages_obj = add(None)
    font = add(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
    kids = []
    for i, lines in enumerate(pages, 1):
        data = content_stream(lines, i, len(pages))
        stream = add(b'<< /Length %d >>\nstream\n' % len(data) + data + b'\nendstream')
        page = add(('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] '
                    '/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>'
                    % (pages_obj, font, stream)).encode())
        kids.append(page)
    info = add(b'<< /Title (Expense report Q3 2019) /Author (Crescent Horizon Trading LLC - Accounts) '
               b'/Producer (make_pdf.py) /CreationDate (D:20191002094500+04\'00\') >>')
    objs[catalog - 1] = ('<< /Type /Catalog /Pages %d 0 R >>' % pages_obj).encode()
    objs[pages_obj - 1] = ('<< /Type /Pages /Kids [%s] /Count %d >>'
                           % (' '.join('%d 0 R' % k for k in kids), len(kids))).encode()

    pdf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += b'%d 0 obj\n' % n + body + b'\nendobj\n'
    xref = len(pdf)
    pdf += b'xref\n0 %d\n' % (len(objs) + 1)
    pdf += b'0000000000 65535 f \n'
    for off in offsets:
        pdf += b'%010d 00000 n \n' % off
    pdf += (b'trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objs) + 1, catalog, info, xref))
    return bytes(pdf)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'wb') as f:
        f.write(build())
    print(out)


if __name__ == '__main__':
    main()
