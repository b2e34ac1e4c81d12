# E-mails of the fictional sample archive: single .eml files and one mbox
# (the leaked mailbox of Tariq al-Marzouqi).  Built by hand, not with the
# email package's generator, so the raw bytes look like a mail client wrote them.
import base64
import quopri

DOCS = {}


def b64_lines(data: bytes) -> str:
    s = base64.b64encode(data).decode('ascii')
    return '\n'.join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text: str) -> str:
    return quopri.encodestring(text.encode('utf-8')).decode('ascii')


def rfc2047(text: str, enc='B') -> str:
    if enc == 'B':
        return '=?UTF-8?B?' + base64.b64encode(text.encode('utf-8')).decode('ascii') + '?='
    # Q-encoding, split into encoded-words of at most 75 characters (RFC 2047 sec. 2)
    words, cur = [], ''
    for ch in text:
        if ch == ' ':
            piece = '_'
        elif ch.isascii() and ch.isalnum():
            piece = ch
        else:
            piece = ''.join('=%02X' % b for b in ch.encode('utf-8'))
        if len(cur) + len(piece) > 75 - len('=?UTF-8?Q??='):
            words.append(cur)
            cur = ''
        cur += piece
    words.append(cur)
    return '\n '.join('=?UTF-8?Q?' + w + '?=' for w in words)


# --- 1. English, multipart with a base64 text/plain attachment invoice.txt ---
INVOICE = """CRESCENT HORIZON TRADING LLC
Office 1407, Creek Tower, Deira, Dubai
Tel +971 4 555 0142 - accounts@chtrading.ks

INVOICE No. CH-2019-117                 Date: 2019-09-03

Bill to:  Al-Noor Exchange, Souk Street, Tal Harir, Republic of Varenia
          Attn. Tariq al-Marzouqi

Description                                         Amount
Logistics consulting, Kuhsar corridor, Q3 2019      AED 250,000.00

Total due                                           AED 250,000.00
Due date: 30 September 2019

Please pay to: Crescent Horizon Trading LLC
IBAN: AE77 0450 0003 8192 7640 012

Signed: Arash Tavanaei, board member
"""

DOCS['mail/2019-09-03_invoice_CH-2019-117.eml'] = ('ascii', f"""Return-Path: <arash.tavanaei@chtrading.ks>
Received: from mail.chtrading.ks (mail.chtrading.ks [203.0.113.41])
	by mx.alnoor-exchange.vr with ESMTPS id 8F2A1C0042
	for <tariq@alnoor-exchange.vr>; Tue, 3 Sep 2019 09:14:25 +0300
Message-ID: <5d6e0b3e.1c69fb81.ch117@chtrading.ks>
Date: Tue, 3 Sep 2019 10:14:22 +0400
From: Arash Tavanaei <arash.tavanaei@chtrading.ks>
To: Tariq al-Marzouqi <tariq@alnoor-exchange.vr>
Cc: Youssef al-Marzouqi <y.marzouqi@chtrading.ks>
Subject: Invoice CH-2019-117 (logistics consulting Q3)
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_117_20190903"
X-Mailer: Microsoft Outlook 16.0

This is a multi-part message in MIME format.

------=_Part_117_20190903
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

Dear Tariq,

Please find attached invoice CH-2019-117 for the logistics consulting agreed in Dubai.
Kindly pay AED 250,000 to our account by 30 September 2019 at the latest.

My father sends his regards to you and to Youssef.

Best,
Arash Tavanaei
Board member, Crescent Horizon Trading LLC
+971 4 555 0147

------=_Part_117_20190903
Content-Type: text/plain; charset="utf-8"; name="invoice.txt"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="invoice.txt"

{b64_lines(INVOICE.encode('utf-8'))}

------=_Part_117_20190903--
""")


# --- 2. English, plain ---
DOCS['mail/2019-10-21_voss_followup.eml'] = ('ascii', """Message-ID: <20191021154003.4411@fo.norland.nd>
Date: Mon, 21 Oct 2019 18:40:03 +0300
From: Eleanor Voss <eleanor.voss@fo.norland.nd>
To: Gulf and Kestria Desk <kestria.desk@fo.norland.nd>
Cc: Political Section Tal Harir <polsec.talharir@fo.norland.nd>
Subject: Re: TH/2019/0311 Kestrian money route - follow-up
In-Reply-To: <20191017130512.0311@fo.norland.nd>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Colleagues,

Last Thursday I met with Nadia al-Qarawi at the residence. She says the Free Varenia Movement has a copy of the Al-Noor Exchange account statement and will publish it after the parliamentary recess.

She believes Adnan Shahiri is taking money from Crescent Horizon and that Reza Kamalvand, whom she calls Kurosh Tavanai's postman, knows about it. She also told me that Omar Fakhouri, the Observer journalist, is working on a story about the Arzhan Reconstruction Foundation.

Nadia can be reached on +384 70 555 8812 or nadia.qarawi@freevarenia.vr. Please protect her name.

Eleanor

> On 17 Oct 2019, at 16:05, Eleanor Voss wrote:
> Telegram TH/2019/0311 sent; see para 6 on the foundation.
""")


# --- 3. Arabic, RFC 2047 encoded Subject and sender name, base64 body ---
AR_BODY = """عمر،

وصلني أن العقيد بهزاد ارجمند التقى يوسف المرزوقي في دبي يوم الثلاثاء ٥ تشرين الثاني ٢٠١٩.
حضر اللقاء أيضاً آرش توانائي، ابن اللواء كوروش توانائي.
أرجو ألا تنشر شيئاً قبل أن نتحقق من المصدر. يمكنك الاتصال بي على الرقم +384 70 555 8812.

نادية
"""

DOCS['mail/2019-11-12_liqa_dubai.eml'] = ('ascii', f"""Message-ID: <a81f3c02-77e1-4b9e-9d12-fvm1112@freevarenia.vr>
Date: Tue, 12 Nov 2019 21:03:44 +0300
From: {rfc2047('نادية القراوي')} <nadia.qarawi@freevarenia.vr>
To: Omar Fakhoury <omar.fakhoury@talharirobserver.vr>
Subject: {rfc2047('عاجل: لقاء دبي')}
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: base64
User-Agent: Mozilla/5.0 Thunderbird/60.9.0

{b64_lines(AR_BODY.encode('utf-8'))}
""")


# --- 4. Persian, quoted-printable UTF-8 body, Q-encoded Subject ---
FA_BODY = """جناب سرهنگ ارجمند،

با سلام و احترام،
طبق دستور سرتیپ توانایی، بنیاد بازسازی ارژن دیروز مبلغ ۱۲ میلیون تومان برای هزینه‌های ایستگاه تل حریر به حساب شما واریز کرد.
رسید این واریز و رسید پرداخت ۲۴ مهر به صرافی النور پیوست نامه قبلی است.
لطفاً از این پس درخواست‌ها را فقط از طریق همین نشانی بفرستید.

با احترام
شیرین گلستانه
خزانه‌دار بنیاد بازسازی ارژن
تلفن: +289 21 555 6031
"""

DOCS['mail/1398-08-05_hazine_istgah.eml'] = ('ascii', f"""Message-ID: <1572157200.3391@bonyad-arzhan.ks>
Date: Sun, 27 Oct 2019 10:20:00 +0330
From: Shirin Golestaneh <shirin.golestaneh@bonyad-arzhan.ks>
To: b.arjomand@mfa.gov.ks
Subject: {rfc2047('هزینه‌های ایستگاه', 'Q')}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(FA_BODY)}""")


# --- 5. mbox: mailbox of Tariq al-Marzouqi (tariq@alnoor-exchange.vr) ---
M1_BODY = """أخي طارق،

سأحوّل غداً ٤٥ ألف دولار من حساب شركة أفق الهلال للتجارة إلى حساب صرافة النور. المرجع: LOGISTICS KUH-07.
أرجو أن تسلّم نصف المبلغ للعقيد أرجمند عند لقائكما القادم.

أخوك يوسف
"""

M3_BODY = """آقای طارق مرزوقی،

مبلغ ۲۰ هزار یورو را دیروز در کوهسار دریافت کردم. با تشکر.

ب. ارجمند
"""

RECEIPT = """رسید پرداخت
بنیاد بازسازی ارژن مبلغ ۸۵۰٬۰۰۰٬۰۰۰ تومان (هشتصد و پنجاه میلیون تومان) به صرافی النور پرداخت کرد.
تاریخ: ۱۳۹۸/۰۷/۲۴
شماره شبا: KS29 0170 0000 0041 9283 756

Receipt: Arzhan Reconstruction Foundation to Al-Noor Exchange, 850,000,000 tomans, 2019-10-16.
"""

MBOX = f"""From y.marzouqi@chtrading.ks Sun Jul  7 05:12:00 2019
Return-Path: <y.marzouqi@chtrading.ks>
Message-ID: <20190707091200.77@chtrading.ks>
Date: Sun, 7 Jul 2019 09:12:00 +0400
From: {rfc2047('يوسف المرزوقي')} <y.marzouqi@chtrading.ks>
To: tariq@alnoor-exchange.vr
Subject: {rfc2047('تحويل الغد')}
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

{M1_BODY}
From arash.tavanaei@chtrading.ks Mon Aug 12 10:05:10 2019
Return-Path: <arash.tavanaei@chtrading.ks>
Message-ID: <20190812140510.1290@chtrading.ks>
Date: Mon, 12 Aug 2019 14:05:10 +0400
From: Arash Tavanaei <arash.tavanaei@chtrading.ks>
To: Tariq al-Marzouqi <tariq@alnoor-exchange.vr>
Subject: Kuhsar on Wednesday
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Tariq,

Colonel Arjomand will meet you in Kuhsar on Wednesday at the usual cafe. Bring the envelope (EUR 20,000).
Arjomand is a member of my father's directorate, so treat him accordingly.

Arash

From b.arjomand@mfa.gov.ks Thu Aug 15 05:00:00 2019
Return-Path: <b.arjomand@mfa.gov.ks>
Message-ID: <20190815093000.5521@mfa.gov.ks>
Date: Thu, 15 Aug 2019 09:30:00 +0430
From: b.arjomand@mfa.gov.ks
To: tariq@alnoor-exchange.vr
Subject: {rfc2047('رسید')}
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

{M3_BODY}
From shirin.golestaneh@bonyad-arzhan.ks Sun Oct 20 07:30:00 2019
Return-Path: <shirin.golestaneh@bonyad-arzhan.ks>
Message-ID: <1571556600.1402@bonyad-arzhan.ks>
Date: Sun, 20 Oct 2019 11:00:00 +0330
From: Shirin Golestaneh <shirin.golestaneh@bonyad-arzhan.ks>
To: Tariq al-Marzouqi <tariq@alnoor-exchange.vr>
Subject: Receipt for transfer 1398/07/24
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1_0a1f5e2c"

--b1_0a1f5e2c
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Dear Mr. Marzouqi,

Please find attached the receipt for the transfer of 24 Mehr 1398 (16 October 2019) from the Arzhan Reconstruction Foundation to Al-Noor Exchange.

Kind regards,
Shirin Golestaneh
Treasurer, Arzhan Reconstruction Foundation

--b1_0a1f5e2c
Content-Type: text/plain; charset=utf-8; name="receipt_1398-07-24.txt"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="receipt_1398-07-24.txt"

{b64_lines(RECEIPT.encode('utf-8'))}
--b1_0a1f5e2c--

"""

DOCS['mail/mailbox.mbox'] = ('utf-8', MBOX)
