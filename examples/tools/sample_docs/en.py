# English documents of the fictional sample archive.
# Everything here is invented: people, organisations, the Republic of Varenia,
# Kestria, Norland, phone numbers, e-mail domains and bank accounts.
import html
import re

DOCS = {}  # relative path -> (encoding, text)


def cablegate(ref, created, released, classification, origin, head, body):
    """Render a cable in the layout of the cablegate HTML mirror."""
    def pre(text):
        out = html.escape(text, quote=False)
        # paragraph anchors like the mirror ("<a id='par1' href='#par1'>&#182;</a>1.")
        out = re.sub(r'(?m)^\u00b6(\d+)\.',
                     lambda m: "<a id='par%s' href='#par%s'>\u00b6</a>%s." % (m.group(1), m.group(1), m.group(1)),
                     out)
        out = re.sub(r'(?m)^TAGS: (.*)$',
                     lambda m: 'TAGS: ' + ' '.join("<a href='/tag/%s_0.html'>%s</a>" % (t, t) for t in m.group(1).split()),
                     out)
        return out.replace('\n', '&#x000A;')
    year, month = created[:4], created[5:7]
    rel = released[:10]
    return f"""<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
<link href='/static/gfx/favicon.ico' rel='shortcut icon' />
<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />
<style type='text/css'>
.cable th {{ background: #eeeeee; font-weight: bold; }}
pre {{ white-space: pre-wrap; font-family: monospace; }}
</style>
</head>
<body>
<div class='main'>
<div class='pane small'>
<a href='/index.html'>
<img alt='Archive logo' src='/static/gfx/archive_small.png' />
<p>Released so far... 412 / 18,304</p>
</a>
<div id='browse'>
<h3>Browse latest releases</h3>
<div class='sort'>
<a href='/reldate/2021-02-04_0.html'>2021/02/04</a>
<a href='/reldate/2021-02-03_0.html'>2021/02/03</a>
<a href='/reldate/2021-02-02_0.html'>2021/02/02</a>
</div>
<h3>Browse by origin</h3>
<div class='sort'>
<a href='/origin/3_0.html'>Embassy Tal Harir</a>
<a href='/origin/4_0.html'>Embassy Arzhan</a>
<a href='/origin/7_0.html'>Consulate Dubai</a>
</div>
<h3>Browse by tag</h3>
<div class='sort'>
<a href='/tag/PREL_0.html'>PREL</a>
<a href='/tag/PGOV_0.html'>PGOV</a>
<a href='/tag/EFIN_0.html'>EFIN</a>
<a href='/tag/VR_0.html'>VR</a>
<a href='/tag/KS_0.html'>KS</a>
</div>
</div>
</div>
<div class='pane big'>
<h3>Viewing cable {ref}, {html.escape(head['subject_short'])}</h3>
<div>
<p>If you are new to these pages, please read an introduction on the <a href='/about.html'>structure of a cable</a>.</p>
</div>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/{year}/{month}/{ref}.html'>{ref}</a>
</td>
<td>
<a href='/date/{year}-{month}_0.html'>{created}</a>
</td>
<td>
<a href='/reldate/{rel}_0.html'>{released}</a>
</td>
<td>
<a href='/classification/2_0.html' title='confidential'>{classification}</a>
</td>
<td>
<a href='/origin/3_0.html'>{origin}</a>
</td>
</tr>
</table>
<code><pre>{pre(head['routing'])}</pre></code>
<code><pre>{pre(body)}</pre></code>
</div>
</div>
<script src='/static/js/js.js' type='text/javascript'></script>
<script type='text/javascript'>
var cableViewer = {{ highlight: true, ref: "{ref}" }};
</script>
</body>
</html>
"""


CABLE_BODY = """C O N F I D E N T I A L TAL HARIR 000412

SIPDIS

E.O. 2019/07: DECL: 03/14/2029
TAGS: PREL PGOV EFIN VR KS
SUBJECT: DEPUTY FM SHAHERI MEETS KESTRIAN AMBASSADOR OFF THE
BOOKS

REF: TAL HARIR 000398

Classified By: Ambassador Eleanor Voss for reasons 1.4 (b) and (d).

\u00b61. (C) Summary: Deputy Foreign Minister Adnan al-Shaheri met with
Kestrian Ambassador Reza Kamalvand in Tal Harir on 12 March 2019.
The meeting was not announced by the Varenian Ministry of Foreign
Affairs. Our contacts say the two men discussed a trade corridor
through the border town of Kuhsar and the activities of the
opposition Free Varenia Movement. End summary.

\u00b62. (C) A senior MFA contact told PolOff on 13 March that Shaheri
is a close ally of General Kourosh Tavanaei, the head of Kestria's
Directorate of External Security (DES). The contact said the
relationship dates back to the 2012 border talks in Arzhan.

\u00b63. (C) Kamalvand has been ambassador in Tal Harir since 2017.
According to the same contact, Kamalvand reports to General
Tavanaei as often as to his own foreign ministry, and the DES
station in the embassy "runs the ambassador's diary."

\u00b64. (C) Opposition leader Nadia al-Qarawi, who heads the Free
Varenia Movement, is a vocal opponent of Shaheri. She told the
Ambassador on 13 March that the Kuhsar corridor "is a pipeline for
DES money" and that she would raise it in parliament.

\u00b65. (C) Comment: Shaheri has reasons to keep his Kestrian
channel quiet. Post will report further on the financial side
(septel).

VOSS
"""

DOCS['cables/19TALHARIR412.html'] = ('utf-8', cablegate(
    ref='19TALHARIR412',
    created='2019-03-14 09:22',
    released='2021-02-03 11:06',
    classification='CONFIDENTIAL',
    origin='Embassy Tal Harir',
    head={
        'subject_short': 'DEPUTY FM SHAHERI MEETS KESTRIAN AMBASSADOR OFF THE',
        'routing': 'O 140922Z MAR 19\nFM NORLAND EMBASSY TAL HARIR\nTO FOREIGN OFFICE ESKERHOLM IMMEDIATE 0412\nINFO NORLAND EMBASSY ARZHAN PRIORITY',
    },
    body=CABLE_BODY))


DOCS['cables/TH-2019-0311_telegram.txt'] = ('utf-8', """NORLAND FOREIGN OFFICE - DIPLOMATIC TELEGRAM
==============================================
Reference:      TH/2019/0311
Date:           2019-10-17 16:05 local
From:           Embassy Tal Harir (Ambassador Eleanor Voss)
To:             Foreign Office Eskerholm, Gulf and Kestria Desk
Copy:           Embassy Arzhan; Consulate Dubai
Classification: SECRET - NORLAND EYES ONLY
Subject:        KESTRIAN MONEY ROUTE THROUGH DUBAI AND TAL HARIR

Summary

1. A Dubai front company run by a close friend of the Kestrian spy chief is moving money into Varenia through an exchange house owned by his brother. Payments reach the deputy foreign minister and the DES station in Tal Harir.

Detail

2. Youssef al-Marzouqi, the managing director of Crescent Horizon Trading LLC in Dubai, paid $45,000 to Al-Noor Exchange in Tal Harir on 8 July 2019. Al-Noor Exchange is owned by his brother, Tariq al-Marzouqi.

3. Arash Tavanaei, the son of General Kourosh Tavanaei, sits on the board of Crescent Horizon Trading LLC. He signs the company's invoices to Al-Noor.

4. Our source reports that Colonel Behzad Arjomand met with Tariq al-Marzouqi in Kuhsar on 14 August 2019. Arjomand (spelled Bahzad Arjmand in Varenian police files) is the DES station chief in Tal Harir and works under diplomatic cover at the Kestrian embassy.

5. Yesterday the Ambassador raised the matter with Deputy Foreign Minister Adnan al-Shaheri, who denied any knowledge of Al-Noor Exchange.

6. Separately, the Arzhan Reconstruction Foundation, which General Tavanaei founded, transferred a large sum in tomans to Al-Noor Exchange on 16 October 2019 (1398/07/24 in the Kestrian calendar). We are trying to obtain the transfer slip.

Comment

7. The pattern is consistent with REF A (19TALHARIR412). Post recommends that Eskerholm share paragraphs 2-4 with the Dubai authorities.

VOSS
""")


DOCS['reports/station_report_2019-05-20.txt'] = ('utf-8', """EMBASSY OF NORLAND - TAL HARIR
POLITICAL SECTION - STATION REPORT No. 19/044
Date: 20 May 2019
Distribution: Ambassador; FO Eskerholm (Kestria Desk)
Subject: Kestrian Directorate of External Security (DES) presence in Varenia

1. Colonel Behzad Arjomand is the station chief of the Directorate of External Security in Tal Harir. Arjomand arrived in Varenia in September 2018 under diplomatic cover as first secretary at the Kestrian embassy.

2. He reports directly to General Kourosh Tavanaei, who heads the Directorate of External Security. Tavanaei visited Tal Harir twice in 2018.

3. Arjomand is a close associate of Youssef al-Marzouqi, a Dubai-based businessman. The two were seen together at the Kestrian residence on 3 May 2019.

4. Shirin Golestaneh (Shireen Golestana in Varenian visa records) is the treasurer of the Arzhan Reconstruction Foundation, a charity that the DES uses to move funds abroad. She travels to Dubai every month.

5. Last Tuesday, Arjomand met with Omar Fakhoury, a reporter for the Tal Harir Observer, at a cafe in the old city. Fakhoury later told us that Arjomand offered him "background" on the Free Varenia Movement.

6. Contact details obtained by the section:
   - Arjomand, mobile: +384 71 555 2290
   - Arjomand, e-mail: b.arjomand@mfa.gov.ks
   - Kestrian embassy switchboard: +384 21 555 0100

7. Assessment: the DES station in Tal Harir has at least four officers. Its main targets are the Free Varenia Movement of Nadya Karawi and the Varenian Ministry of Foreign Affairs.

Prepared by: Political Section
""")


DOCS['reports/field_note_kuhsar_2019-08-16.txt'] = ('cp1252', """FIELD NOTE \u2013 KUHSAR CROSSING
Friday 16 August 2019
Author: PolOff, Embassy of Norland, Tal Harir
Handling: \u201cNorland eyes only\u201d

Last Wednesday, Colonel Arjomand met with Tariq al-Marzouqi at the Caf\u00e9 R\u00e9gence near the Kuhsar border post.

The two men spoke for about forty minutes. A waiter described Marzouqi as \u201cthe Dubai brother\u201d and Arjomand as \u201cthe colonel from the embassy\u201d.

Tariq al-Marzouqi paid \u20ac20,000 in cash to Arjomand, according to the waiter, who saw the notes being counted.

The caf\u00e9\u2019s owner said the colonel \u201ccomes every month\u201d and always pays in Kestrian tomans. Kuhsar is the last Kestrian town before the Varenian border. Arjomand left in a white Land Cruiser with diplomatic plates; Marzouqi crossed back into Varenia at 17:40.

Comment: this matches what our source told us about the Kuhsar route. The r\u00e9sum\u00e9 of Tariq al-Marzouqi we hold is out of date \u2014 please update.
""")


DOCS['reports/source_profile_marzouqi_2019-06-30.txt'] = ('utf-8', """SOURCE PROFILE: THE MARZOUQI BROTHERS
Compiled: 2019-06-30
Compiled by: Political Section, Embassy of Norland, Tal Harir
Status: working draft, not for onward release

Names and spellings
- Youssef al-Marzouqi (also spelled Yusuf Marzuqi; Yousef Marzoughi in Kestrian documents), born 1968 in Tal Harir.
- Tariq al-Marzouqi (also spelled Tarek Marzouki), born 1972 in Tal Harir.

Profile

Youssef al-Marzouqi is the managing director of Crescent Horizon Trading LLC, registered in Dubai in 2015. The company describes itself as a logistics and consulting firm.

His brother Tariq al-Marzouqi runs Al-Noor Exchange in Tal Harir. Al-Noor Exchange holds a licence from the Central Bank of Varenia for money transfers to Kestria and the Gulf.

Yusuf Marzuqi has been a close friend of General Tavanaei since their student years in Istanbul. Several sources describe him as the general's "banker".

Arash Tavanaei is a member of the board of Crescent Horizon Trading LLC. He moved to Dubai in 2016.

Known contacts
- Youssef al-Marzouqi, office: +971 4 555 0142, e-mail: y.marzouqi@chtrading.ks
- Tariq al-Marzouqi, office: +384 21 555 7731, e-mail: tariq@alnoor-exchange.vr
- Crescent Horizon Trading LLC, account: IBAN AE77 0450 0003 8192 7640 012
- Al-Noor Exchange, account: IBAN VR54 ALNR 0001 2004 5779 3

Related persons
- General Kourosh Tavanaei (Koroush Tavanayi in some Varenian files) heads the Directorate of External Security in Arzhan.
- Arash Tavanaei, his son.

Gaps: we do not know who owns the remaining 40 percent of Crescent Horizon.
""")


DOCS['finance/wire_confirmation_2019-07-08.txt'] = ('utf-8', """TRANSFER CONFIRMATION - OUTGOING CUSTOMER PAYMENT
Printed: 2019-07-08 11:42

Crescent Horizon Trading LLC paid USD 45,000.00 to Al-Noor Exchange, Tal Harir, with value date 2019-07-08.

Ordering customer : CRESCENT HORIZON TRADING LLC, DEIRA, DUBAI
Ordering account  : AE77 0450 0003 8192 7640 012
Beneficiary       : AL-NOOR EXCHANGE, TAL HARIR, REPUBLIC OF VARENIA
Beneficiary IBAN  : VR54 ALNR 0001 2004 5779 3
Amount            : USD 45,000.00
Charges           : OUR
Reference         : CHT190708-045 / LOGISTICS KUH-07
Authorised by     : Y. Marzouqi

---- MT103 ----
{1:F01CHTRAEADXXXX0000000000}{2:I103ALNRVRTHXXXXN}{4:
:20:CHT190708-045
:23B:CRED
:32A:190708USD45000,00
:50K:/AE770450000381927640012
CRESCENT HORIZON TRADING LLC
DEIRA DUBAI
:59:/VR54ALNR0001200457793
AL-NOOR EXCHANGE
TAL HARIR VARENIA
:70:LOGISTICS KUH-07
:71A:OUR
-}
---- END ----
""")


_NEWS_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | The Tal Harir Observer</title>
<meta name="author" content="{author}">
<meta name="date" content="{date}">
<style>
body {{ font-family: Georgia, serif; margin: 0 auto; max-width: 46em; }}
.masthead {{ border-bottom: 3px double #222; }}
.byline {{ color: #666; font-size: 0.9em; }}
.adslot-observer-top {{ height: 90px; background: #f4f4f4; }}
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  function observerTrack(){{ dataLayer.push(arguments); }}
  observerTrack('config', 'OBS-TRACKER-7731', {{ section: "{section}" }});
</script>
</head>
<body>
<div class="masthead"><a href="/">The Tal Harir Observer</a> &mdash; Independent since 1994</div>
<div class="adslot-observer-top"></div>
"""

_NEWS_FOOT = """<div class="related"><h4>Related</h4><ul><li><a href="/politics/">Politics</a></li><li><a href="/region/kestria/">Kestria</a></li></ul></div>
<footer>&copy; 2019 The Tal Harir Observer. All rights reserved.</footer>
<script>
  (function(){ var s = document.createElement('script'); s.src = '/js/comments.js?v=20190315'; document.body.appendChild(s); })();
</script>
</body>
</html>
"""

DOCS['news/observer_2019-03-15_shaheri-kamalvand.html'] = ('utf-8', _NEWS_HEAD.format(
    title="Deputy minister&#8217;s quiet meeting with Kestrian envoy raises questions",
    author="Omar Fakhoury", date="2019-03-15", section="politics") + """<article>
<h1>Deputy minister&#8217;s quiet meeting with Kestrian envoy raises questions</h1>
<p class="byline">By Omar Fakhoury &middot; Tal Harir &middot; Friday, 15 March 2019</p>
<p>Deputy Foreign Minister Adnan al-Shaheri met with Kestrian Ambassador Reza Kamalvand last Tuesday, according to two officials who asked not to be named.</p>
<p>The meeting took place at the Kestrian residence in Tal Harir and not at the Ministry of Foreign Affairs, the officials said. No statement was issued.</p>
<p>Nadia al-Qarawi, the leader of the opposition Free Varenia Movement, said the meeting showed that &#8220;our foreign ministry takes orders from Arzhan&#8221;.</p>
<p>Shaheri, 58, has served as deputy foreign minister since 2016. He is known in Tal Harir as the ministry&#8217;s &#8220;Kestria man&#8221; and is a close ally of General Kourosh Tavanaei, Kestria&#8217;s intelligence chief.</p>
<p>The Varenian Ministry of Foreign Affairs did not respond to questions sent to press@mfa.gov.vr on Thursday.</p>
<p><em>Omar Fakhoury can be reached at omar.fakhoury@talharirobserver.vr.</em></p>
</article>
""" + _NEWS_FOOT)


DOCS['news/observer_2019-10-18_arzhan-foundation.html'] = ('utf-8', _NEWS_HEAD.format(
    title="Charity linked to Kestrian spy chief moved money to Varenia",
    author="Omar Fakhoury", date="2019-10-18", section="investigations") + """<article>
<h1>Charity linked to Kestrian spy chief moved money to Varenia</h1>
<p class="byline">By Omar Fakhoury &middot; Tal Harir &middot; 18 October 2019</p>
<p>The Arzhan Reconstruction Foundation paid 850 million tomans to Al-Noor Exchange on 16 October 2019, according to documents seen by the Observer.</p>
<p>General Kourosh Tavanaei, who heads Kestria&#8217;s Directorate of External Security, is the founder of the Arzhan Reconstruction Foundation. His son Arash Tavanaei sits on its board of trustees.</p>
<p>Al-Noor Exchange, a money-transfer business in Tal Harir, is run by Tariq al-Marzouqi. His brother Youssef al-Marzouqi heads Crescent Horizon Trading LLC, a Dubai firm that has sent at least $75,000 to Al-Noor this year.</p>
<p>Shirin Golestaneh, the foundation&#8217;s treasurer, did not answer calls to +289 21 555 6031. The Kestrian ambassador, Rida Kamalwand, declined to comment.</p>
<table class="sidebar">
<tr><th>Date</th><th>From</th><th>To</th><th>Amount</th></tr>
<tr><td>2 May 2019</td><td>Crescent Horizon Trading LLC</td><td>Al-Noor Exchange</td><td>$30,000</td></tr>
<tr><td>8 July 2019</td><td>Crescent Horizon Trading LLC</td><td>Al-Noor Exchange</td><td>$45,000</td></tr>
<tr><td>16 October 2019</td><td>Arzhan Reconstruction Foundation</td><td>Al-Noor Exchange</td><td>850 million tomans</td></tr>
</table>
</article>
""" + _NEWS_FOOT)


DOCS['finance/alnoor_expenses_2019-09.html'] = ('utf-8', """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Al-Noor Exchange - Expense report September 2019</title>
<style>
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 2px 6px; }
td.num { text-align: right; }
</style>
<script type="text/javascript">
function printReport() { window.print(); }
</script>
</head>
<body>
<h2>AL-NOOR EXCHANGE &mdash; TAL HARIR</h2>
<h3>Expense report, September 2019 (prepared 2019-10-01)</h3>
<p>Prepared for: Tariq al-Marzouqi, owner. Prepared by: accounts office (accounts@alnoor-exchange.vr, +384 21 555 7732).</p>
<table>
<tr><th>#</th><th>Date</th><th>Payee</th><th>Description</th><th>Amount</th><th>Currency</th></tr>
<tr><td>1</td><td>2019-09-02</td><td>Grand Creek Hotel, Dubai</td><td>Two nights, T. al-Marzouqi</td><td class="num">4,300.00</td><td>AED</td></tr>
<tr><td>2</td><td>2019-09-14</td><td>Adnan al-Shaheri</td><td>&quot;Consulting&quot; (cash, handed over in Tal Harir)</td><td class="num">3,500,000</td><td>VRD</td></tr>
<tr><td>3</td><td>2019-09-18</td><td>Kuhsar Freight Co.</td><td>Transport, Kuhsar crossing</td><td class="num">6,200.00</td><td>USD</td></tr>
<tr><td>4</td><td>2019-09-29</td><td>Crescent Horizon Trading LLC</td><td>Invoice CH-2019-117, logistics consulting Q3</td><td class="num">250,000.00</td><td>AED</td></tr>
<tr><td>5</td><td>2019-09-30</td><td>Office rent, Souk Street</td><td>September rent</td><td class="num">900,000</td><td>VRD</td></tr>
</table>
<h4>Notes</h4>
<p>Al-Noor Exchange paid 3.5 million dinars to Adnan al-Shaheri on 14 September 2019 (row 2). No receipt was issued at the deputy minister's request.</p>
<p>Al-Noor Exchange paid AED 250,000 to Crescent Horizon Trading LLC on 29 September 2019 (row 4), settling invoice CH-2019-117.</p>
<p>Approved: T. al-Marzouqi</p>
</body>
</html>
""")
