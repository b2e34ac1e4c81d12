#include "link/linker.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>

#include "text/normalize.h"
#include "text/tokenize.h"

namespace leakgraph::link {

namespace {

using store::Mention;
using store::Relation;

// Argument types, as a bit mask.
constexpr unsigned kP = 1, kO = 2, kL = 4;

unsigned TypeBit(std::string_view type) {
  if (type == "PERSON") return kP;
  if (type == "ORG") return kO;
  if (type == "LOCATION") return kL;
  return 0;
}

struct TieSpec {
  std::string_view type;
  unsigned source;  // allowed source types
  unsigned target;  // allowed target types
};

constexpr TieSpec kSpecs[] = {
    {"member_of", kP | kO, kO},         {"leads", kP, kO | kL},          {"close_ties", kP | kO, kP | kO},
    {"met_with", kP, kP},               {"paid", kP | kO, kP | kO},      {"family", kP, kP},
    {"opposes", kP | kO | kL, kP | kO | kL}, {"communicated_with", kP | kO, kP | kO}, {"located_in", kP | kO, kL},
};

const TieSpec& SpecOf(std::string_view type) {
  for (const TieSpec& s : kSpecs) {
    if (s.type == type) return s;
  }
  return kSpecs[0];
}

enum class Order : std::uint8_t { kBetween, kAfterBoth, kBeforeBoth, kScript };

// Trigger flags.
constexpr unsigned kReverse = 1;     // the argument after the trigger is the source ("run by")
constexpr unsigned kNeedsMoney = 2;  // only with an amount of money in the sentence ("sent", "gave")
constexpr unsigned kAdjacent = 4;    // arguments right next to the trigger ("ORG in PLACE")
constexpr unsigned kOrgSource = 8;   // the source must be an organisation (bare "in")
constexpr unsigned kAfterPossessive = 16;  // only right after a resolved possessive ("His son X")

struct TriggerDef {
  std::string_view phrase;
  std::string_view type;
  Order order;
  unsigned flags = 0;
};

// clang-format off
constexpr TriggerDef kTriggers[] = {
    // --- English: member_of
    {"member of", "member_of", Order::kBetween}, {"members of", "member_of", Order::kBetween},
    {"joined", "member_of", Order::kBetween}, {"works for", "member_of", Order::kBetween},
    {"worked for", "member_of", Order::kBetween}, {"working for", "member_of", Order::kBetween},
    {"works at", "member_of", Order::kBetween}, {"works under diplomatic cover at", "member_of", Order::kBetween},
    {"employee of", "member_of", Order::kBetween}, {"employed by", "member_of", Order::kBetween},
    {"official of", "member_of", Order::kBetween}, {"officer of", "member_of", Order::kBetween},
    {"officer in", "member_of", Order::kBetween}, {"officer at", "member_of", Order::kBetween},
    {"agent of", "member_of", Order::kBetween}, {"operative of", "member_of", Order::kBetween},
    {"spokesman for", "member_of", Order::kBetween}, {"spokeswoman for", "member_of", Order::kBetween},
    {"spokesperson for", "member_of", Order::kBetween}, {"spokesman of", "member_of", Order::kBetween},
    {"serves in", "member_of", Order::kBetween}, {"served in", "member_of", Order::kBetween},
    {"serves on", "member_of", Order::kBetween}, {"sits on the board of", "member_of", Order::kBetween},
    {"sits on", "member_of", Order::kBetween}, {"sat on", "member_of", Order::kBetween},
    {"on the board of", "member_of", Order::kBetween}, {"board member of", "member_of", Order::kBetween},
    {"belongs to", "member_of", Order::kBetween}, {"part of", "member_of", Order::kBetween},
    {"affiliated with", "member_of", Order::kBetween}, {"affiliate of", "member_of", Order::kBetween},
    {"recruited by", "member_of", Order::kBetween}, {"fighters of", "member_of", Order::kBetween},
    {"militants of", "member_of", Order::kBetween}, {"treasurer of", "member_of", Order::kBetween},
    {"station chief of", "member_of", Order::kBetween}, {"reporter for", "member_of", Order::kBetween},
    {"correspondent for", "member_of", Order::kBetween}, {"loyal to", "close_ties", Order::kBetween},
    {"wing of", "member_of", Order::kBetween}, {"branch of", "member_of", Order::kBetween},
    {"subsidiary of", "member_of", Order::kBetween},
    // --- English: leads
    {"head of", "leads", Order::kBetween}, {"heads", "leads", Order::kBetween},
    {"headed", "leads", Order::kBetween}, {"leads", "leads", Order::kBetween}, {"led", "leads", Order::kBetween},
    {"leader of", "leads", Order::kBetween}, {"chief of", "leads", Order::kBetween},
    {"director of", "leads", Order::kBetween}, {"directs", "leads", Order::kBetween},
    {"commander of", "leads", Order::kBetween}, {"commands", "leads", Order::kBetween},
    {"commanded", "leads", Order::kBetween}, {"chairman of", "leads", Order::kBetween},
    {"chairs", "leads", Order::kBetween}, {"president of", "leads", Order::kBetween},
    {"founder of", "leads", Order::kBetween}, {"founded", "leads", Order::kBetween},
    {"co-founded", "leads", Order::kBetween}, {"runs", "leads", Order::kBetween},
    {"ran", "leads", Order::kBetween}, {"in charge of", "leads", Order::kBetween},
    {"managing director of", "leads", Order::kBetween}, {"owner of", "leads", Order::kBetween},
    {"owns", "leads", Order::kBetween}, {"controls", "leads", Order::kBetween},
    {"minister of", "leads", Order::kBetween}, {"secretary-general of", "leads", Order::kBetween},
    {"chief executive of", "leads", Order::kBetween}, {"ceo of", "leads", Order::kBetween},
    {"governor of", "leads", Order::kBetween}, {"mayor of", "leads", Order::kBetween},
    {"ruler of", "leads", Order::kBetween}, {"rules", "leads", Order::kBetween},
    {"run by", "leads", Order::kBetween, kReverse}, {"owned by", "leads", Order::kBetween, kReverse},
    {"led by", "leads", Order::kBetween, kReverse}, {"headed by", "leads", Order::kBetween, kReverse},
    {"founded by", "leads", Order::kBetween, kReverse}, {"chaired by", "leads", Order::kBetween, kReverse},
    {"controlled by", "leads", Order::kBetween, kReverse}, {"commanded by", "leads", Order::kBetween, kReverse},
    {"leader", "leads", Order::kBetween}, {"chief", "leads", Order::kBetween},
    // --- English: close_ties
    {"close ties with", "close_ties", Order::kBetween}, {"close ties to", "close_ties", Order::kBetween},
    {"ties to", "close_ties", Order::kBetween}, {"ties with", "close_ties", Order::kBetween},
    {"close to", "close_ties", Order::kBetween}, {"ally of", "close_ties", Order::kBetween},
    {"allied with", "close_ties", Order::kBetween}, {"allied to", "close_ties", Order::kBetween},
    {"allies of", "close_ties", Order::kBetween}, {"allies", "close_ties", Order::kBetween},
    {"ally", "close_ties", Order::kBetween}, {"loyalist of", "close_ties", Order::kBetween},
    {"confidant of", "close_ties", Order::kBetween}, {"friend of", "close_ties", Order::kBetween},
    {"associate of", "close_ties", Order::kBetween}, {"protege of", "close_ties", Order::kBetween},
    {"protégé of", "close_ties", Order::kBetween}, {"aligned with", "close_ties", Order::kBetween},
    {"supporter of", "close_ties", Order::kBetween}, {"supports", "close_ties", Order::kBetween},
    {"supported", "close_ties", Order::kBetween}, {"backed", "close_ties", Order::kBetween},
    {"backs", "close_ties", Order::kBetween}, {"cooperated with", "close_ties", Order::kBetween},
    {"cooperates with", "close_ties", Order::kBetween}, {"cooperation with", "close_ties", Order::kBetween},
    {"partner of", "close_ties", Order::kBetween}, {"partnered with", "close_ties", Order::kBetween},
    {"sympathetic to", "close_ties", Order::kBetween}, {"works closely with", "close_ties", Order::kBetween},
    {"worked closely with", "close_ties", Order::kBetween},
    // --- English: met_with
    {"met", "met_with", Order::kBetween}, {"met with", "met_with", Order::kBetween},
    {"meets", "met_with", Order::kBetween}, {"meets with", "met_with", Order::kBetween},
    {"meeting with", "met_with", Order::kBetween}, {"visited", "met_with", Order::kBetween},
    {"held talks with", "met_with", Order::kBetween}, {"talks with", "met_with", Order::kBetween},
    {"sat down with", "met_with", Order::kBetween}, {"hosted", "met_with", Order::kBetween},
    {"conferred with", "met_with", Order::kBetween}, {"dined with", "met_with", Order::kBetween},
    {"had lunch with", "met_with", Order::kBetween}, {"had dinner with", "met_with", Order::kBetween},
    {"raised the matter with", "met_with", Order::kBetween},
    {"met", "met_with", Order::kAfterBoth}, {"held talks", "met_with", Order::kAfterBoth},
    {"meeting between", "met_with", Order::kBeforeBoth}, {"talks between", "met_with", Order::kBeforeBoth},
    // --- English: paid
    {"paid", "paid", Order::kBetween, kNeedsMoney}, {"pays", "paid", Order::kBetween, kNeedsMoney},
    {"transferred", "paid", Order::kBetween}, {"wired", "paid", Order::kBetween},
    {"sent", "paid", Order::kBetween, kNeedsMoney}, {"gave", "paid", Order::kBetween, kNeedsMoney},
    {"donated", "paid", Order::kBetween, kNeedsMoney}, {"funded", "paid", Order::kBetween},
    {"financed", "paid", Order::kBetween}, {"bribed", "paid", Order::kBetween},
    {"payment to", "paid", Order::kBetween}, {"payments to", "paid", Order::kBetween},
    {"received", "paid", Order::kBetween, kReverse | kNeedsMoney},
    {"paid by", "paid", Order::kBetween, kReverse}, {"funded by", "paid", Order::kBetween, kReverse},
    {"financed by", "paid", Order::kBetween, kReverse},
    // --- English: family
    {"son of", "family", Order::kBetween}, {"daughter of", "family", Order::kBetween},
    {"brother of", "family", Order::kBetween}, {"sister of", "family", Order::kBetween},
    {"father of", "family", Order::kBetween}, {"mother of", "family", Order::kBetween},
    {"wife of", "family", Order::kBetween}, {"husband of", "family", Order::kBetween},
    {"cousin of", "family", Order::kBetween}, {"nephew of", "family", Order::kBetween},
    {"niece of", "family", Order::kBetween}, {"uncle of", "family", Order::kBetween},
    {"brother-in-law of", "family", Order::kBetween}, {"son-in-law of", "family", Order::kBetween},
    {"married to", "family", Order::kBetween}, {"married", "family", Order::kBetween},
    {"widow of", "family", Order::kBetween}, {"grandson of", "family", Order::kBetween},
    {"his brother", "family", Order::kBetween}, {"her brother", "family", Order::kBetween},
    {"son", "family", Order::kBetween, kAfterPossessive}, {"daughter", "family", Order::kBetween, kAfterPossessive},
    {"brother", "family", Order::kBetween, kAfterPossessive}, {"sister", "family", Order::kBetween, kAfterPossessive},
    {"father", "family", Order::kBetween, kAfterPossessive}, {"mother", "family", Order::kBetween, kAfterPossessive},
    {"wife", "family", Order::kBetween, kAfterPossessive}, {"husband", "family", Order::kBetween, kAfterPossessive},
    {"cousin", "family", Order::kBetween, kAfterPossessive}, {"nephew", "family", Order::kBetween, kAfterPossessive},
    {"his son", "family", Order::kBetween}, {"her son", "family", Order::kBetween},
    {"his father", "family", Order::kBetween}, {"his wife", "family", Order::kBetween},
    {"her husband", "family", Order::kBetween}, {"his cousin", "family", Order::kBetween},
    // --- English: opposes
    {"opposes", "opposes", Order::kBetween}, {"opposed", "opposes", Order::kBetween},
    {"opponent of", "opposes", Order::kBetween}, {"against", "opposes", Order::kBetween},
    {"fought", "opposes", Order::kBetween}, {"fights", "opposes", Order::kBetween},
    {"fighting", "opposes", Order::kBetween}, {"attacked", "opposes", Order::kBetween},
    {"attacks", "opposes", Order::kBetween}, {"attack on", "opposes", Order::kBetween},
    {"attacks on", "opposes", Order::kBetween}, {"rival of", "opposes", Order::kBetween},
    {"rivals", "opposes", Order::kBetween}, {"enemy of", "opposes", Order::kBetween},
    {"war with", "opposes", Order::kBetween}, {"clashed with", "opposes", Order::kBetween},
    {"clashes with", "opposes", Order::kBetween}, {"targeted", "opposes", Order::kBetween},
    {"bombed", "opposes", Order::kBetween}, {"struck", "opposes", Order::kBetween},
    {"killed", "opposes", Order::kBetween}, {"condemned", "opposes", Order::kBetween},
    {"criticised", "opposes", Order::kBetween}, {"criticized", "opposes", Order::kBetween},
    {"accused", "opposes", Order::kBetween}, {"denounced", "opposes", Order::kBetween},
    {"sanctioned", "opposes", Order::kBetween}, {"invaded", "opposes", Order::kBetween},
    {"seized", "opposes", Order::kBetween}, {"captured", "opposes", Order::kBetween},
    {"besieged", "opposes", Order::kBetween}, {"defeated", "opposes", Order::kBetween},
    {"fighting between", "opposes", Order::kBeforeBoth}, {"clashes between", "opposes", Order::kBeforeBoth},
    // --- English: communicated_with
    {"called", "communicated_with", Order::kBetween}, {"phoned", "communicated_with", Order::kBetween},
    {"telephoned", "communicated_with", Order::kBetween}, {"spoke with", "communicated_with", Order::kBetween},
    {"spoke to", "communicated_with", Order::kBetween}, {"speaks with", "communicated_with", Order::kBetween},
    {"told", "communicated_with", Order::kBetween}, {"wrote to", "communicated_with", Order::kBetween},
    {"emailed", "communicated_with", Order::kBetween}, {"e-mailed", "communicated_with", Order::kBetween},
    {"contacted", "communicated_with", Order::kBetween}, {"messaged", "communicated_with", Order::kBetween},
    {"texted", "communicated_with", Order::kBetween}, {"talked to", "communicated_with", Order::kBetween},
    {"talked with", "communicated_with", Order::kBetween}, {"briefed", "communicated_with", Order::kBetween},
    {"informed", "communicated_with", Order::kBetween}, {"warned", "communicated_with", Order::kBetween},
    {"urged", "communicated_with", Order::kBetween}, {"asked", "communicated_with", Order::kBetween},
    {"in contact with", "communicated_with", Order::kBetween},
    {"corresponded with", "communicated_with", Order::kBetween},
    {"letter to", "communicated_with", Order::kBetween}, {"message to", "communicated_with", Order::kBetween},
    {"conversation with", "communicated_with", Order::kBetween},
    {"call with", "communicated_with", Order::kBetween}, {"reported to", "communicated_with", Order::kBetween},
    {"negotiated with", "communicated_with", Order::kBetween},
    {"negotiations with", "communicated_with", Order::kBetween},
    {"agreement with", "communicated_with", Order::kBetween},
    // --- English: located_in
    {"based in", "located_in", Order::kBetween}, {"headquartered in", "located_in", Order::kBetween},
    {"located in", "located_in", Order::kBetween}, {"stationed in", "located_in", Order::kBetween},
    {"lives in", "located_in", Order::kBetween}, {"living in", "located_in", Order::kBetween},
    {"resident in", "located_in", Order::kBetween}, {"registered in", "located_in", Order::kBetween},
    {"operating in", "located_in", Order::kBetween}, {"operates in", "located_in", Order::kBetween},
    {"in", "located_in", Order::kBetween, kAdjacent | kOrgSource},
    // --- Arabic script (Arabic and Persian; folded like the text)
    {"عضو", "member_of", Order::kScript}, {"عضوا", "member_of", Order::kScript},
    {"يعمل في", "member_of", Order::kScript}, {"يعمل لدى", "member_of", Order::kScript},
    {"يعمل لصالح", "member_of", Order::kScript}, {"ينتمي", "member_of", Order::kScript},
    {"انضم", "member_of", Order::kScript}, {"المنتمي", "member_of", Order::kScript},
    {"التابع", "member_of", Order::kScript}, {"التابعة", "member_of", Order::kScript},
    {"عناصر", "member_of", Order::kScript}, {"کارمند", "member_of", Order::kScript},
    {"وابسته به", "member_of", Order::kScript}, {"اعضای", "member_of", Order::kScript},
    {"مأمور", "member_of", Order::kScript}, {"افسر", "member_of", Order::kScript},
    {"رئيس", "leads", Order::kScript}, {"يرأس", "leads", Order::kScript}, {"ترأس", "leads", Order::kScript},
    {"قائد", "leads", Order::kScript}, {"يقود", "leads", Order::kScript}, {"قاد", "leads", Order::kScript},
    {"مدير", "leads", Order::kScript}, {"يدير", "leads", Order::kScript}, {"زعيم", "leads", Order::kScript},
    {"الأمين العام", "leads", Order::kScript}, {"مؤسس", "leads", Order::kScript},
    {"أسس", "leads", Order::kScript}, {"مالك", "leads", Order::kScript}, {"يملك", "leads", Order::kScript},
    {"فرمانده", "leads", Order::kScript}, {"رهبر", "leads", Order::kScript}, {"دبیرکل", "leads", Order::kScript},
    {"سرپرست", "leads", Order::kScript}, {"ریاست", "leads", Order::kScript},
    {"بنیانگذار", "leads", Order::kScript}, {"مدیرعامل", "leads", Order::kScript},
    // Feminine forms: "زعيمة حركة فارينيا الحرة نادية القراوي".
    {"رئيسة", "leads", Order::kScript}, {"زعيمة", "leads", Order::kScript}, {"مديرة", "leads", Order::kScript},
    {"قائدة", "leads", Order::kScript}, {"تدير", "leads", Order::kScript}, {"تقود", "leads", Order::kScript},
    {"ترأست", "leads", Order::kScript},
    {"مقرب", "close_ties", Order::kScript}, {"المقرب", "close_ties", Order::kScript},
    {"حليف", "close_ties", Order::kScript}, {"حلفاء", "close_ties", Order::kScript},
    {"علاقات وثيقة", "close_ties", Order::kScript}, {"علاقة وثيقة", "close_ties", Order::kScript},
    {"موال", "close_ties", Order::kScript}, {"الموالي", "close_ties", Order::kScript},
    {"مؤيد", "close_ties", Order::kScript}, {"صديق", "close_ties", Order::kScript},
    {"روابط نزدیک", "close_ties", Order::kScript}, {"رابطه نزدیک", "close_ties", Order::kScript},
    {"نزدیک", "close_ties", Order::kScript}, {"نزدیکان", "close_ties", Order::kScript},
    {"متحد", "close_ties", Order::kScript}, {"وفادار", "close_ties", Order::kScript},
    {"دوست", "close_ties", Order::kScript}, {"حامی", "close_ties", Order::kScript},
    {"معتمد", "close_ties", Order::kScript},
    {"التقى", "met_with", Order::kScript}, {"يلتقي", "met_with", Order::kScript},
    {"التقت", "met_with", Order::kScript}, {"اجتمع", "met_with", Order::kScript},
    {"يجتمع", "met_with", Order::kScript}, {"اجتماع", "met_with", Order::kScript},
    {"لقاء", "met_with", Order::kScript}, {"استقبل", "met_with", Order::kScript},
    {"زار", "met_with", Order::kScript}, {"محادثات", "met_with", Order::kScript},
    {"دیدار", "met_with", Order::kScript}, {"ملاقات", "met_with", Order::kScript},
    {"گفتگو", "met_with", Order::kScript}, {"گفت‌وگو", "met_with", Order::kScript},
    {"مذاکره", "met_with", Order::kScript},
    {"دفع", "paid", Order::kScript, kNeedsMoney}, {"يدفع", "paid", Order::kScript, kNeedsMoney}, {"دفعت", "paid", Order::kScript, kNeedsMoney},
    {"حول", "paid", Order::kScript, kNeedsMoney}, {"حولت", "paid", Order::kScript, kNeedsMoney}, {"تحويل", "paid", Order::kScript, kNeedsMoney},
    {"أرسل", "paid", Order::kScript, kNeedsMoney}, {"مول", "paid", Order::kScript},
    {"تمويل", "paid", Order::kScript}, {"رشوة", "paid", Order::kScript},
    {"پرداخت", "paid", Order::kScript, kNeedsMoney}, {"واریز", "paid", Order::kScript, kNeedsMoney},
    {"حواله", "paid", Order::kScript, kNeedsMoney}, {"انتقال", "paid", Order::kScript, kNeedsMoney},
    {"رشوه", "paid", Order::kScript},
    {"ابن", "family", Order::kScript}, {"نجل", "family", Order::kScript}, {"ابنة", "family", Order::kScript},
    {"شقيق", "family", Order::kScript}, {"شقيقة", "family", Order::kScript}, {"أخو", "family", Order::kScript},
    {"أخت", "family", Order::kScript}, {"زوجة", "family", Order::kScript}, {"زوج", "family", Order::kScript},
    {"والد", "family", Order::kScript}, {"والدة", "family", Order::kScript}, {"صهر", "family", Order::kScript},
    {"پسر", "family", Order::kScript}, {"دختر", "family", Order::kScript}, {"برادر", "family", Order::kScript},
    {"خواهر", "family", Order::kScript}, {"همسر", "family", Order::kScript}, {"پدر", "family", Order::kScript},
    {"مادر", "family", Order::kScript}, {"فرزند", "family", Order::kScript}, {"داماد", "family", Order::kScript},
    // "his brother X": the kin stands before, in the same clause
    {"أخيه", "family", Order::kBetween}, {"شقيقه", "family", Order::kBetween}, {"ابنه", "family", Order::kBetween},
    {"برادرش", "family", Order::kBetween}, {"پسرش", "family", Order::kBetween},
    {"خواهرش", "family", Order::kBetween}, {"پدرش", "family", Order::kBetween}, {"همسرش", "family", Order::kBetween},
    {"ضد", "opposes", Order::kScript}, {"يعارض", "opposes", Order::kScript}, {"تعارض", "opposes", Order::kScript}, {"عارض", "opposes", Order::kScript},
    {"معارض", "opposes", Order::kScript}, {"هاجم", "opposes", Order::kScript}, {"يهاجم", "opposes", Order::kScript},
    {"قاتل", "opposes", Order::kScript}, {"يقاتل", "opposes", Order::kScript}, {"خصم", "opposes", Order::kScript},
    {"عدو", "opposes", Order::kScript}, {"انتقد", "opposes", Order::kScript}, {"اتهم", "opposes", Order::kScript},
    {"مخالف", "opposes", Order::kScript}, {"علیه", "opposes", Order::kScript}, {"دشمن", "opposes", Order::kScript},
    {"رقیب", "opposes", Order::kScript}, {"مخالفت", "opposes", Order::kScript},
    {"اتصل", "communicated_with", Order::kScript}, {"اتصال", "communicated_with", Order::kScript},
    {"راسل", "communicated_with", Order::kScript}, {"أبلغ", "communicated_with", Order::kScript},
    {"تحدث", "communicated_with", Order::kScript}, {"مكالمة", "communicated_with", Order::kScript},
    {"رسالة", "communicated_with", Order::kScript}, {"أخبر", "communicated_with", Order::kScript},
    {"تواصل", "communicated_with", Order::kScript},
    {"تماس", "communicated_with", Order::kScript}, {"نامه", "communicated_with", Order::kScript},
    {"مکاتبه", "communicated_with", Order::kScript}, {"پیام", "communicated_with", Order::kScript},
    {"مقره", "located_in", Order::kScript}, {"مقرها", "located_in", Order::kScript},
    {"يقع في", "located_in", Order::kScript}, {"تقع في", "located_in", Order::kScript},
    {"مستقر در", "located_in", Order::kScript},
    {"في", "located_in", Order::kScript, kAdjacent | kOrgSource},
    {"در", "located_in", Order::kScript, kAdjacent | kOrgSource},
};
// clang-format on

// Role words that make a role a head of its organisation (leads); any other
// attached role with an organisation gives member_of. Folded.
constexpr std::string_view kHeadRoleWords[] = {
    "director", "head", "chief", "commander", "commandant", "chairman", "chairwoman", "chair", "president",
    "leader", "founder", "co-founder", "owner", "ceo", "governor", "mayor", "manager", "minister", "executive",
    "رییس", "رئیس", "مدیر", "قاید", "قائد", "زعیم", "امین", "موسس", "مؤسس", "محافظ", "وزیر", "مدیرعامل",
    "فرمانده", "رهبر", "دبیرکل", "سرپرست", "بنیانگذار", "استاندار", "شهردار",
    // feminine forms (folded): زعيمة، رئيسة، مديرة، قائدة
    "زعیمه", "رئیسه", "رییسه", "مدیره", "قائده", "قایده"};
// Role nouns that make a person a member of the organisation the sentence ties them to.
constexpr std::string_view kMemberRoleWords[] = {
    "member", "members", "officer", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "general", "colonel", "lieutenant", "captain", "major", "brigadier", "commander", "soldier", "fighter",
    "fighters", "militant", "militants", "agent", "operative", "employee", "staff", "adviser", "advisor",
    "envoy", "ambassador", "representative", "conductor", "researcher", "analyst", "reporter", "correspondent",
    "editor", "treasurer", "secretary", "deputy", "diplomat", "negotiator", "activist", "volunteer", "trustee",
    "عضو", "ضابط", "مسوول", "مسؤول", "متحدث", "مستشار", "عنصر", "مقاتل", "موظف", "افسر", "کارمند", "مامور",
    "سخنگو", "مشاور", "نماینده", "خزانهدار", "امین", "امینه"};
constexpr std::string_view kSubordinateRoleWords[] = {
    "deputy", "vice", "assistant", "station", "نائب", "نایب", "معاون", "مساعد", "وکیل", "ایستگاه", "محطه"};

// Words that make a name an organisation's, whatever the NER said: the last
// word of a Latin name ("Al-Noor Exchange", "Crescent Horizon Trading LLC"),
// the first of an Arabic-script one (صرافة النور, شرکت افق هلال). Folded.
constexpr std::string_view kOrgDesignators[] = {
    "exchange", "llc", "ltd", "inc", "bank", "company", "co", "corporation", "corp", "foundation", "ministry",
    "agency", "directorate", "embassy", "movement", "party", "council", "committee", "group", "trading",
    "holdings", "fund", "association", "institute", "university", "brigade", "brigades", "militia", "front",
    "organization", "organisation", "observer", "army", "office", "service", "services", "society", "authority",
    "صرافه", "صرافی", "شرکه", "شرکت", "موسسه", "مؤسسه", "بنیاد", "وزاره", "وزارت", "مدیریه", "اداره", "سفاره",
    "سفارت", "حرکه", "جنبش", "بنک", "بانک", "موسسات", "جمعیه", "حزب", "سازمان", "مجلس", "شورای", "لجنه"};

// PERSON/ORG/LOCATION as type bits, with names that carry an organisation
// designator read as organisations (the NER often calls "Al-Noor Exchange" a place).
std::vector<unsigned> EffectiveTypes(const std::vector<Mention>& mentions) {
  std::vector<unsigned> out(mentions.size(), 0);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    unsigned bit = TypeBit(mentions[i].type);
    if (bit == kL || bit == kP) {
      std::vector<text::Token> words = text::Tokenize(mentions[i].text);
      if (!words.empty()) {
        const bool arabic = text::HasArabicScript(mentions[i].text);
        std::string key = text::FoldWord((arabic ? words.front() : words.back()).text);
        if (arabic && key.rfind("\xD8\xA7\xD9\x84", 0) == 0) key = key.substr(4);  // ال
        for (std::string_view d : kOrgDesignators) {
          if (key == d && words.size() >= 2) bit = kO;
        }
      }
    }
    out[i] = bit;
  }
  // One name, one type in a document: a one-word place the document also calls a person, or
  // that is the surname of a person it names ("Colonel Arjomand ... paid €20,000 to Arjomand",
  // the second typed LOCATION), is that person, when person readings outnumber place readings
  // (a person with a title or role the analyse stage attached counts twice).
  std::unordered_map<std::string, int> person_votes;  // folded one-word name -> persons - places
  std::vector<std::string> one_word(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (out[i] != kP && out[i] != kL) continue;
    std::vector<text::Token> words = text::Tokenize(mentions[i].text);
    if (words.empty()) continue;
    if (words.size() == 1) one_word[i] = text::FoldWord(words.front().text);
    if (out[i] == kP) {
      const int weight = mentions[i].extra.find("\"role\"") != std::string::npos ? 2 : 1;
      person_votes[words.size() == 1 ? one_word[i] : text::FoldWord(words.back().text)] += weight;
    } else if (words.size() == 1) {
      --person_votes[one_word[i]];
    }
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (out[i] != kL || one_word[i].empty()) continue;
    auto it = person_votes.find(one_word[i]);
    if (it != person_votes.end() && it->second > 0) out[i] = kP;
  }
  return out;
}

struct CompiledTrigger {
  std::vector<std::string> words;  // folded
  std::string_view type;
  Order order;
  unsigned flags;
};

struct Lexicon {
  // By first folded word; longest phrase first.
  std::unordered_map<std::string, std::vector<CompiledTrigger>> by_first;
  std::size_t max_words = 1;
};

std::vector<std::string> FoldedWords(std::string_view phrase) {
  std::vector<std::string> out;
  for (const text::Token& t : text::Tokenize(phrase)) out.push_back(text::FoldWord(t.text));
  return out;
}

const Lexicon& GetLexicon() {
  static const Lexicon* lexicon = [] {
    auto* l = new Lexicon;
    for (const TriggerDef& d : kTriggers) {
      CompiledTrigger c{FoldedWords(d.phrase), d.type, d.order, d.flags};
      if (c.words.empty()) continue;
      l->max_words = std::max(l->max_words, c.words.size());
      l->by_first[c.words[0]].push_back(std::move(c));
    }
    for (auto& [first, list] : l->by_first) {
      std::stable_sort(list.begin(), list.end(),
                       [](const CompiledTrigger& a, const CompiledTrigger& b) { return a.words.size() > b.words.size(); });
    }
    return l;
  }();
  return *lexicon;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The forms of a folded Arabic-script token to look up: as is, without one
// proclitic (و ف ب ل ک), without the article (ال, بال, وال, لل), without a
// pronoun suffix (ه ها هم), longest first. Each form keeps >= 2 letters (4 bytes).
std::vector<std::string> ArabicForms(const std::string& token) {
  std::vector<std::string> forms{token};
  static const std::string_view kProclitics[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84", "\xDA\xA9"};
  static const std::string_view kArticles[] = {"\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84",
                                               "\xD9\x84\xD9\x84", "\xD8\xA7\xD9\x84"};
  static const std::string_view kSuffixes[] = {"\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85", "\xD9\x87"};
  auto add = [&](std::string f) {
    if (f.size() >= 4 && std::find(forms.begin(), forms.end(), f) == forms.end()) forms.push_back(std::move(f));
  };
  for (std::string_view a : kArticles) {
    if (StartsWith(token, a)) add(token.substr(a.size()));
  }
  for (std::string_view p : kProclitics) {
    if (StartsWith(token, p)) add(token.substr(p.size()));
  }
  const std::size_t base = forms.size();
  for (std::size_t i = 0; i < base; ++i) {
    for (std::string_view s : kSuffixes) {
      if (EndsWith(forms[i], s)) add(forms[i].substr(0, forms[i].size() - s.size()));
    }
  }
  return forms;
}

struct SentenceLinker {
  SentenceLinker(std::string_view text_, std::string_view language_, const std::vector<Mention>& mentions_,
                 const std::vector<text::Token>& tokens_, std::vector<Relation>& out_)
      : text(text_), language(language_), mentions(mentions_), tokens(tokens_), out(out_) {}

  std::string_view text;
  std::string_view language;
  const std::vector<Mention>& mentions;
  const std::vector<text::Token>& tokens;
  std::vector<std::string> folded;         // per token
  std::vector<int> owner;                  // per token: entity mention index or -1
  std::vector<bool> possessive;            // per token: a resolved "his", "her", "its"
  std::size_t real_mentions = 0;           // mentions from this index on stand for anaphors
  std::vector<Relation>& out;

  // The current sentence.
  std::size_t first = 0, last = 0;  // tokens [first, last)
  std::size_t sentence_begin = 0, sentence_end = 0;
  std::vector<std::size_t> entities;  // mention indexes, text order
  std::vector<std::size_t> dates;
  std::vector<std::size_t> money;
  std::vector<std::size_t> roles;
  // (source, target, type) already stated in this sentence.
  std::vector<std::tuple<std::size_t, std::size_t, std::string_view>> seen;

  // Mention types as the linker reads them (see EffectiveTypes).
  std::vector<unsigned> types;
  unsigned TypeOf(std::size_t mention) const { return types[mention]; }

  // The first token index of mention m in the sentence, and one past its last.
  std::pair<std::size_t, std::size_t> TokensOf(std::size_t m) const {
    std::size_t a = first;
    while (a < last && tokens[a].end <= mentions[m].begin) ++a;
    std::size_t b = a;
    while (b < last && tokens[b].begin < mentions[m].end) ++b;
    return {a, b};
  }

  // The nearest entity mention ending before token `from` (exclusive), within
  // `max_gap` tokens, whose type is in `allowed`. Other entities are skipped.
  std::optional<std::size_t> NearestLeft(std::size_t from, std::size_t max_gap, unsigned allowed) const {
    std::size_t gap = 0;
    for (std::size_t i = from; i > first && gap <= max_gap;) {
      --i;
      int o = owner[i];
      if (o >= 0) {
        if (TypeOf(static_cast<std::size_t>(o)) & allowed) return static_cast<std::size_t>(o);
        while (i > first && owner[i - 1] == o) --i;  // skip the rest of that mention
        continue;
      }
      if (tokens[i].text == ";" || tokens[i].text == "؛") return std::nullopt;
      ++gap;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> NearestRight(std::size_t from, std::size_t max_gap, unsigned allowed) const {
    std::size_t gap = 0;
    for (std::size_t i = from; i < last && gap <= max_gap; ++i) {
      int o = owner[i];
      if (o >= 0) {
        if (TypeOf(static_cast<std::size_t>(o)) & allowed) return static_cast<std::size_t>(o);
        while (i + 1 < last && owner[i + 1] == o) ++i;
        continue;
      }
      if (tokens[i].text == ";" || tokens[i].text == "؛") return std::nullopt;
      ++gap;
    }
    return std::nullopt;
  }

  // The entity mention that opens the sentence (after at most a numbering and a title word), if
  // its type is in `allowed` and no ";" follows it: the sentence's subject.
  std::optional<std::size_t> OpeningSubject(unsigned allowed) const {
    for (std::size_t i = first; i < last && i < first + 4; ++i) {
      if (owner[i] >= 0) {
        std::size_t m = static_cast<std::size_t>(owner[i]);
        if (!(TypeOf(m) & allowed)) return std::nullopt;
        for (std::size_t j = TokensOf(m).second; j < last; ++j)
          if (tokens[j].text == ";" || tokens[j].text == "؛") return std::nullopt;
        return m;
      }
    }
    return std::nullopt;
  }

  bool IsWord(std::size_t i, std::initializer_list<std::string_view> words) const {
    if (i < first || i >= last) return false;
    for (std::string_view w : words) {
      if (folded[i] == w) return true;
    }
    return false;
  }

  bool HasComma(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i) {
      if (tokens[i].text == "," || tokens[i].text == "،") return true;
    }
    return false;
  }

  // The mention of `candidates` (MONEY or DATE mentions of the sentence) nearest to token `at`, if any.
  std::optional<std::size_t> Nearest(const std::vector<std::size_t>& candidates, std::size_t at) const {
    std::optional<std::size_t> best;
    std::size_t best_distance = SIZE_MAX;
    const std::size_t at_byte = tokens[std::min(at, last - 1)].begin;
    for (std::size_t m : candidates) {
      std::size_t d = mentions[m].begin > at_byte ? mentions[m].begin - at_byte : at_byte - mentions[m].begin;
      if (d < best_distance) best_distance = d, best = m;
    }
    return best;
  }

  void Emit(std::string_view type, std::size_t source, std::size_t target, std::size_t trigger_first,
            std::size_t trigger_last, double confidence) {
    if (source == target) return;
    const TieSpec& spec = SpecOf(type);
    unsigned s = TypeOf(source), t = TypeOf(target);
    if (!((s & spec.source) && (t & spec.target))) {
      if ((t & spec.source) && (s & spec.target)) {
        std::swap(source, target);
      } else {
        return;
      }
    }
    // Type-driven direction for ties whose argument types differ: the person
    // leads the organisation whichever comes first ("ORG leader PERSON").
    if ((type == "leads" || type == "member_of") && TypeOf(source) != kP && TypeOf(target) == kP &&
        (spec.source & kP)) {
      std::swap(source, target);
    }
    if (mentions[source].normalized == mentions[target].normalized) return;
    for (const auto& [a, b, ty] : seen) {
      if (ty == type && ((a == source && b == target) || (store::IsSymmetricTieType(type) && a == target && b == source))) {
        return;
      }
    }
    seen.emplace_back(source, target, type);
    Relation r;
    r.type = std::string(type);
    r.source = source;
    r.target = target;
    r.sentence_begin = sentence_begin;
    r.sentence_end = sentence_end;
    r.trigger_begin = tokens[trigger_first].begin;
    r.trigger_end = tokens[trigger_last - 1].end;
    if (type == "paid") r.amount = Nearest(money, trigger_first);
    r.date = Nearest(dates, trigger_first);
    r.confidence = confidence;
    out.push_back(std::move(r));
  }

  // Arguments coordinated with `mention` to its right: "B and C", "B, C and D", "B و C".
  std::vector<std::size_t> Coordinated(std::size_t mention) const {
    std::vector<std::size_t> list{mention};
    unsigned type = TypeOf(mention);
    std::size_t end = TokensOf(mention).second;
    for (int n = 0; n < 4 && end < last; ++n) {
      std::size_t i = end;
      if (!(IsWord(i, {"and", ",", "،", "و"}))) break;
      ++i;
      if (IsWord(i, {"and", "و"})) ++i;
      if (i >= last || owner[i] < 0 || TypeOf(static_cast<std::size_t>(owner[i])) != type) break;
      std::size_t next = static_cast<std::size_t>(owner[i]);
      list.push_back(next);
      end = TokensOf(next).second;
    }
    return list;
  }

  // Does the trigger at `ts` open a predicate coordinated after a comma: ", and runs", "، ويدير"?
  bool CoordinatedAfterComma(const CompiledTrigger& t, std::size_t ts) const {
    auto comma = [&](std::size_t i) { return tokens[i].text == "," || tokens[i].text == "،"; };
    if (ts >= first + 2 && IsWord(ts - 1, {"and", "و"}) && comma(ts - 2)) return true;
    // Arabic writes the conjunction on the verb: the trigger matched without it.
    constexpr std::string_view kWaw = "\u0648";
    return ts > first && comma(ts - 1) && !t.words.empty() && folded[ts].starts_with(kWaw) &&
           std::string_view(folded[ts]).substr(kWaw.size()) == t.words[0];
  }

  bool LinkBetween(const CompiledTrigger& t, std::size_t ts, std::size_t te, double base) {
    const TieSpec& spec = SpecOf(t.type);
    const unsigned any = spec.source | spec.target;
    const std::size_t gap = (t.flags & kAdjacent) ? 0 : 8;
    auto left = NearestLeft(ts, gap, any);
    auto right = NearestRight(te, gap, any);
    // "B, which A founded[, ...]": the object stands before the subject, whatever follows.
    if (left && !HasComma(TokensOf(*left).second, ts) && ts - TokensOf(*left).second <= 2) {
      std::size_t lf = TokensOf(*left).first;
      for (std::size_t i = lf, n = 0; i > first && n < 3; --i, ++n) {
        if (owner[i - 1] >= 0) break;
        if (!IsWord(i - 1, {"which", "that", "whom"})) continue;
        std::size_t j = i - 1;
        if (j > first && IsWord(j - 1, {","})) --j;
        auto object = NearestLeft(j, 0, any);
        if (object) {
          Emit(t.type, *left, *object, ts, te, base - 0.1);
          return true;
        }
        break;
      }
    }
    if (!right) return false;
    // "X هو شقيق Y، ويدير Z", "X is the brother of Y, and runs Z": a predicate
    // coordinated after a comma shares the opening subject, not the nearest name.
    if (left && HasComma(TokensOf(*left).second, ts) && CoordinatedAfterComma(t, ts)) {
      auto subject = OpeningSubject(spec.source);
      if (subject && *subject != *left && TokensOf(*subject).second <= TokensOf(*left).first) left = subject;
    }
    double subject_penalty = 0;
    if (!left && !(t.flags & kAdjacent)) {
      // "He is known in Tal Harir as ... and is a close ally of B": the subject opening the
      // sentence shared by a coordinated predicate ("and is", "and was"), when nothing else
      // that could be the argument stands between.
      auto subject = OpeningSubject(spec.source);
      bool coordinated = false;
      if (subject && TokensOf(*subject).second <= ts && ts - TokensOf(*subject).second <= 24) {
        for (std::size_t j = TokensOf(*subject).second; j + 1 < ts && !coordinated; ++j)
          coordinated = IsWord(j, {"and"}) && IsWord(j + 1, {"is", "was", "has", "had", "remains", "became"});
      }
      if (coordinated && NearestLeft(ts, 24, any) == subject) {
        left = subject;
        subject_penalty = 0.2;
      }
    }
    if (!left) return false;
    if ((t.flags & kOrgSource) && TypeOf(*left) != kO) return false;
    // "She told me that X ...": an object pronoun after the trigger is its object, not X; and
    // "told the Ambassador that the Kuhsar corridor ...": X stands in the reported clause.
    // "heads the Directorate of External Security in Arzhan": with the organisation unnamed,
    // the place after a preposition is where it is, not what the person heads.
    const bool place_target = TypeOf(*right) == kL && (t.type == "leads" || t.type == "member_of");
    for (std::size_t i = te; i < TokensOf(*right).first; ++i) {
      if (owner[i] >= 0) continue;
      if (IsWord(i, {"me", "us", "him", "them", "you"})) return false;
      if (t.type == "communicated_with" && IsWord(i, {"that"})) return false;
      if (place_target && IsWord(i, {"in", "at", "of"})) return false;
    }
    // "the head of Kestria's Directorate": the organisation, not its owner.
    if (std::string_view rest = text.substr(mentions[*right].end, 4);
        rest.starts_with("'s") || rest.starts_with("\xE2\x80\x99s")) {
      if (auto owned = NearestRight(TokensOf(*right).second, 2, kO); owned) {
        right = owned;
      } else if (t.type == "leads" || t.type == "member_of") {
        return false;  // "the head of Kestria's directorate": not of Kestria, and the directorate is unnamed
      }
    }
    // "A, the director of X in Y, paid B": the subject stands before the apposition (after
    // at most an opening "Separately,"); when the NER missed it, nobody is the subject.
    auto [lf, ll] = TokensOf(*left);
    if (HasComma(ll, ts)) {
      for (std::size_t i = lf; i > first + 1; --i) {
        if (tokens[i - 1].text != "," && tokens[i - 1].text != "،") continue;
        auto subject = NearestLeft(i - 1, 0, any);
        const bool opens = subject && (!HasComma(first, TokensOf(*subject).first) ||
                                       !NearestLeft(TokensOf(*subject).first, 256, kP | kO | kL));
        if (subject && (TypeOf(*subject) & spec.source) && opens) {
          left = subject;
        } else if (!subject && IsWord(i, {"the", "a", "an"}) && owner[i - 2] < 0) {
          return false;
        }
        break;
      }
    }
    std::size_t distance = (ts - std::min(ts, ll)) + (TokensOf(*right).first - te);
    double confidence = std::max(0.3, base - subject_penalty - 0.03 * static_cast<double>(distance));
    for (std::size_t target : Coordinated(*right)) {
      if (t.flags & kReverse) {
        Emit(t.type, target, *left, ts, te, confidence);
      } else {
        Emit(t.type, *left, target, ts, te, confidence);
      }
    }
    return true;
  }

  bool LinkAfterBoth(const CompiledTrigger& t, std::size_t ts, std::size_t te, double base) {
    const TieSpec& spec = SpecOf(t.type);
    const unsigned any = spec.source | spec.target;
    auto target = NearestLeft(ts, 4, any);
    if (!target) return false;
    auto source = NearestLeft(TokensOf(*target).first, 4, any);
    if (!source) return false;
    Emit(t.type, *source, *target, ts, te, base - 0.1);
    return true;
  }

  bool LinkBeforeBoth(const CompiledTrigger& t, std::size_t ts, std::size_t te, double base) {
    const TieSpec& spec = SpecOf(t.type);
    const unsigned any = spec.source | spec.target;
    auto source = NearestRight(te, 4, any);
    if (!source) return false;
    auto target = NearestRight(TokensOf(*source).second, 5, any);
    if (!target) return false;
    Emit(t.type, *source, *target, ts, te, base - 0.1);
    return true;
  }

  // Does the phrase `t` start at token i? Returns one past its last token.
  std::optional<std::size_t> MatchAt(const CompiledTrigger& t, std::size_t i) const {
    if (i + t.words.size() > last) return std::nullopt;
    for (std::size_t k = 1; k < t.words.size(); ++k) {
      if (owner[i + k] >= 0 || folded[i + k] != t.words[k]) return std::nullopt;
    }
    return i + t.words.size();
  }

  void LinkTriggers() {
    const Lexicon& lex = GetLexicon();
    for (std::size_t i = first; i < last; ++i) {
      if (owner[i] >= 0) continue;
      // Latin words are looked up as they are; Arabic-script ones also without their clitics.
      const bool arabic = text::HasArabicScript(tokens[i].text);
      const std::vector<std::string> forms = arabic ? ArabicForms(folded[i]) : std::vector<std::string>();
      const std::size_t form_count = arabic ? forms.size() : 1;
      bool matched = false;
      for (std::size_t f = 0; f < form_count; ++f) {
        const std::string& form = arabic ? forms[f] : folded[i];
        auto it = lex.by_first.find(form);
        if (it == lex.by_first.end()) continue;
        for (const CompiledTrigger& t : it->second) {
          auto end = MatchAt(t, i);
          if (!end) continue;
          if ((t.flags & kNeedsMoney) && money.empty()) continue;
          if ((t.flags & kAfterPossessive) && !(i > first && possessive[i - 1])) continue;
          bool linked = false;
          switch (t.order) {
            case Order::kBetween: linked = LinkBetween(t, i, *end, 0.9); break;
            case Order::kAfterBoth: linked = LinkAfterBoth(t, i, *end, 0.9); break;
            case Order::kBeforeBoth: linked = LinkBeforeBoth(t, i, *end, 0.9); break;
            case Order::kScript:
              linked = LinkBetween(t, i, *end, 0.85);
              if (!linked && !(t.flags & kAdjacent)) {
                if (language == "fa") {
                  linked = LinkAfterBoth(t, i, *end, 0.85) || LinkBeforeBoth(t, i, *end, 0.8);
                } else {
                  linked = LinkBeforeBoth(t, i, *end, 0.85) || LinkAfterBoth(t, i, *end, 0.8);
                }
              }
              break;
          }
          if (linked) {
            matched = true;
            i = *end - 1;
            break;
          }
        }
        if (matched) break;
      }
    }
  }

  // A role noun between a person and an organisation that states membership
  // or leadership without a trigger phrase of the lexicon: "PERSON, a senior
  // commander in ORG", "PERSON was a brigadier general in ORG", "ORG's deputy
  // director PERSON", "ORG lieutenant PERSON".
  void LinkRolePhrases() {
    for (std::size_t k = 0; k + 1 < entities.size(); ++k) {
      std::size_t a = entities[k], b = entities[k + 1];
      unsigned ta = TypeOf(a), tb = TypeOf(b);
      const bool person_first = ta == kP && tb == kO;
      const bool org_first = ta == kO && tb == kP;
      if (!person_first && !org_first) continue;
      const std::size_t from = TokensOf(a).second, to = TokensOf(b).first;
      if (to <= from || to - from > 8) continue;
      std::optional<std::size_t> role_token;
      bool head = false, subordinate = false;
      for (std::size_t i = from; i < to; ++i) {
        if (tokens[i].text == ";" || tokens[i].text == "(" || tokens[i].text == ")") {
          role_token.reset();
          break;
        }
        for (std::string_view h : kHeadRoleWords) {
          if (folded[i] == h) head = true, role_token = i;
        }
        for (std::string_view w : kMemberRoleWords) {
          if (folded[i] == w) role_token = i;
        }
        for (std::string_view w : kSubordinateRoleWords) subordinate = subordinate || folded[i] == w;
      }
      if (!role_token && person_first && HasComma(from, to)) {
        // "PERSON, the ORG's treasurer": the role right after the organisation's possessive.
        bool apposition = true;
        for (std::size_t i = from; i < to; ++i) apposition = apposition && IsWord(i, {",", "the"});
        std::size_t i = TokensOf(b).second;
        for (int n = 0; n < 2 && i < last && owner[i] < 0 &&
                        IsWord(i, {"'", "\xE2\x80\x99", "s", "'s", "\xE2\x80\x99s"});
             ++n)
          ++i;
        if (!apposition || i == TokensOf(b).second || i >= last || owner[i] >= 0) continue;
        bool role = false;
        for (std::string_view h : kHeadRoleWords) head = head || folded[i] == h;
        for (std::string_view w : kMemberRoleWords) role = role || folded[i] == w;
        if (!role && !head) continue;
        Emit(head ? "leads" : "member_of", a, b, i, i + 1, 0.7);
        continue;
      }
      if (!role_token) continue;
      if (person_first) {
        // The role must be followed by a preposition that ties it to the organisation; in Arabic
        // script, or stand right before it (construct state: خزانه‌دار بنیاد, عضو هيئة
        // أمناء المؤسسة).
        bool construct = text::HasArabicScript(tokens[*role_token].text) && to - *role_token <= 3;
        for (std::size_t i = *role_token + 1; construct && i < to; ++i)
          construct = tokens[i].kind == text::TokenKind::kWord;
        if (!construct && !IsWord(to - 1, {"of", "for", "in", "at", "with", "'s"}) &&
            !IsWord(*role_token + 1, {"of", "for", "in", "at"})) {
          continue;
        }
      } else if (HasComma(from, to)) {
        continue;
      }
      Emit(head && !subordinate ? "leads" : "member_of", person_first ? a : b, person_first ? b : a, *role_token,
           *role_token + 1, 0.7);
    }
  }

  // Roles attached to a person, with an organisation inside the role's span.
  void LinkRoles() {
    for (std::size_t r : roles) {
      const Mention& role = mentions[r];
      auto pb = role.extra.find("\"person_begin\":");
      auto pe = role.extra.find("\"person_end\":");
      if (pb == std::string::npos || pe == std::string::npos) continue;
      std::size_t person_begin = std::strtoull(role.extra.c_str() + pb + 15, nullptr, 10);
      std::size_t person_end = std::strtoull(role.extra.c_str() + pe + 13, nullptr, 10);
      std::optional<std::size_t> person, org;
      for (std::size_t e : entities) {
        const Mention& m = mentions[e];
        if (m.type == "PERSON" && m.begin == person_begin && m.end == person_end) person = e;
        if ((m.type == "ORG") && m.begin >= role.begin && m.end <= role.end && !org) org = e;
      }
      if (!person || !org) continue;
      bool head = false, subordinate = false;
      for (const text::Token& t : text::Tokenize(role.normalized)) {
        std::string w = text::FoldWord(t.text);
        for (std::string_view h : kHeadRoleWords) head = head || w == h;
        for (std::string_view s : kSubordinateRoleWords) subordinate = subordinate || w == s;
      }
      // The trigger: the role's words before its organisation.
      std::size_t tf = first;
      while (tf < last && tokens[tf].begin < role.begin) ++tf;
      std::size_t tl = tf;
      while (tl < last && tokens[tl].end <= mentions[*org].begin) ++tl;
      if (tl == tf) continue;
      Emit(head && !subordinate ? "leads" : "member_of", *person, *org, tf, tl, 0.85);
    }
  }

  // "أخي طارق" (my brother Tariq), "My brother Tariq", "برادرم طارق" in an e-mail: kin of its
  // sender (`sender`, the From header party; SIZE_MAX: none), with the first-person kin word as
  // the trigger.
  void LinkFirstPersonKin(std::size_t sender) {
    if (sender == SIZE_MAX) return;
    static const std::vector<std::string> kKin = [] {
      std::vector<std::string> v;
      for (std::string_view w : {"أخي", "أختي", "ابني", "ابنتي", "أبي", "والدي", "زوجي", "زوجتي", "برادرم",
                                 "خواهرم", "پسرم", "دخترم", "پدرم", "همسرم"})
        v.push_back(text::FoldWord(w));
      return v;
    }();
    static constexpr std::string_view kEnglishKin[] = {"brother", "sister", "son",  "daughter",
                                                       "father",  "mother", "wife", "husband"};
    for (std::size_t i = first; i < last; ++i) {
      if (owner[i] >= 0) continue;
      std::size_t trigger_end = 0;
      if (std::find(kKin.begin(), kKin.end(), folded[i]) != kKin.end()) {
        trigger_end = i + 1;
      } else if (folded[i] == "my" && i + 1 < last &&
                 std::find(std::begin(kEnglishKin), std::end(kEnglishKin), folded[i + 1]) !=
                     std::end(kEnglishKin)) {
        trigger_end = i + 2;
      }
      if (!trigger_end || trigger_end >= last || owner[trigger_end] < 0) continue;
      std::size_t kin = static_cast<std::size_t>(owner[trigger_end]);
      if (TypeOf(kin) == kP) Emit("family", sender, kin, i, trigger_end, 0.8);
    }
  }

  void LinkCoMentions() {
    std::size_t pairs = 0;
    for (std::size_t a = 0; a < entities.size() && pairs < kMaxCoMentionPairs; ++a) {
      for (std::size_t b = a + 1; b < entities.size() && pairs < kMaxCoMentionPairs; ++b) {
        if (entities[a] >= real_mentions || entities[b] >= real_mentions) continue;  // an anaphor: no claim
        const Mention& x = mentions[entities[a]];
        const Mention& y = mentions[entities[b]];
        if (x.normalized == y.normalized) continue;
        Relation r;
        r.type = store::kCoMention;
        r.source = entities[a];
        r.target = entities[b];
        r.sentence_begin = sentence_begin;
        r.sentence_end = sentence_end;
        r.confidence = 0.3;
        out.push_back(std::move(r));
        ++pairs;
      }
    }
  }

  void LinkDates() {
    for (std::size_t d : dates) {
      for (std::size_t e : entities) {
        if (e >= real_mentions) continue;
        Relation r;
        r.type = store::kDated;
        r.source = e;
        r.target = d;
        r.date = d;
        r.sentence_begin = sentence_begin;
        r.sentence_end = sentence_end;
        r.confidence = 0.5;
        out.push_back(std::move(r));
      }
    }
  }
};

// "Name <addr>, \"Other, A\" <b@c>, d@e" -> (name, address) pairs; a bare address has no name.
std::vector<std::pair<std::string, std::string>> ParseMailboxes(std::string_view header) {
  std::vector<std::string> entries(1);
  bool quoted = false, angle = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (c == '<') angle = true;
    if (c == '>') angle = false;
    if (c == ',' && !quoted && !angle) {
      if (entries.size() >= 200) break;
      entries.emplace_back();
    } else {
      entries.back() += c;
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& entry : entries) {
    std::size_t lt = entry.find('<');
    std::size_t gt = entry.find('>', lt == std::string::npos ? 0 : lt);
    if (lt == std::string::npos || gt == std::string::npos) {
      std::string address = text::CollapseWhitespace(entry);
      if (!address.empty()) out.emplace_back("", address);
      continue;
    }
    std::string name;
    for (char c : entry.substr(0, lt)) {
      if (c != '"') name += c;
    }
    out.emplace_back(text::CollapseWhitespace(name), text::CollapseWhitespace(entry.substr(lt + 1, gt - lt - 1)));
  }
  return out;
}

bool LooksLikeName(const std::string& name) {
  if (name.empty() || name.size() > 120 || name.find('@') != std::string::npos) return false;
  for (unsigned char c : name) {
    if (std::isalpha(c) || c >= 0x80) return true;
  }
  return false;
}

constexpr std::size_t kMaxOrgsBack = 32;

// A word that stands for an entity named before it (see linker.h, "Anaphora").
struct Anaphor {
  std::size_t token = 0;
  std::size_t antecedent = 0;  // mention index
};

bool IsArticle(std::string_view folded) {
  return folded == "the";
}

// True iff a folded Arabic-script word starts with the article (ال, وال, بال, لل).
bool HasArticle(std::string_view folded) {
  for (std::string_view a :
       {"\xD8\xA7\xD9\x84", "\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84", "\xD9\x84\xD9\x84"})
    if (StartsWith(folded, a) && folded.size() > a.size() + 2) return true;
  return false;
}

// Words after an Arabic-script designator that show it is used alone ("خزانه‌دار بنیاد، ...",
// "بنیاد در ..."), not as the first word of another name. Folded.
constexpr std::string_view kArabicFunctionWords[] = {
    "در", "به", "از",  "را",  "و",  "که", "با", "برای", "تا", "این", "آن",   "می",   "است", "بود", "کرد",
    "فی", "من", "الی", "علی", "عن", "مع", "ان", "قد",   "لم", "لا",  "التی", "الذی", "هو",  "هی"};

// The anaphors of `tokens`: a pronoun opening a sentence ("He", "She", "His", "Her", هو, هی,
// او) stands for the subject (first PERSON) of the nearest of the two previous sentences that
// has one; "its" for the organisation named last within two sentences; a definite organisation
// noun ("the foundation", الحرکة, Persian بنیاد) for the organisation named last whose name
// has that noun. `owner` marks the tokens of real mentions (-1 elsewhere); `possessive` is set
// for "his", "her", "its" (a family noun after one states kinship with the antecedent).
std::vector<Anaphor> FindAnaphors(const std::vector<Mention>& mentions, const std::vector<unsigned>& types,
                                  const std::vector<text::Token>& tokens,
                                  const std::vector<std::string>& folded,
                                  const std::vector<text::SentenceSpan>& sentences,
                                  const std::vector<std::size_t>& order, const std::vector<int>& owner,
                                  std::vector<bool>& possessive) {
  std::vector<Anaphor> out;
  // The folded words of each organisation name met so far (Arabic script: the first word
  // without ال, then the second word), computed once per mention.
  std::unordered_map<std::size_t, std::vector<std::string>> org_words;
  auto words_of = [&](std::size_t m) -> const std::vector<std::string>& {
    auto [it, fresh] = org_words.try_emplace(m);
    if (fresh) {
      for (const text::Token& w : text::Tokenize(mentions[m].text))
        it->second.push_back(text::FoldWord(w.text));
      if (!it->second.empty() && text::HasArabicScript(mentions[m].text) &&
          StartsWith(it->second.front(), "\xD8\xA7\xD9\x84") && it->second.front().size() > 6)
        it->second.front() = it->second.front().substr(4);  // ال
    }
    return it->second;
  };
  auto org_has = [&](std::size_t m, const std::string& noun) {
    const std::vector<std::string>& words = words_of(m);
    if (words.empty()) return false;
    if (text::HasArabicScript(mentions[m].text)) return words.front() == noun;
    return std::find(words.begin(), words.end(), noun) != words.end();
  };
  std::vector<std::string> arabic_designators;
  for (std::string_view d : kOrgDesignators)
    if (text::HasArabicScript(d)) arabic_designators.emplace_back(d);
  std::optional<std::size_t> subject;
  std::size_t subject_sentence = 0;
  std::vector<std::pair<std::size_t, std::size_t>> orgs;  // (mention, sentence), text order
  std::size_t next = 0;
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    const std::size_t first = sentences[si].begin_token, last = sentences[si].end_token;
    const std::size_t sb = tokens[first].begin, se = tokens[last - 1].end;
    std::vector<std::size_t> here;  // real entity mentions of the sentence
    while (next < order.size() && mentions[order[next]].begin < sb) ++next;
    for (std::size_t k = next; k < order.size() && mentions[order[k]].begin < se; ++k)
      if (types[order[k]] && mentions[order[k]].end <= se) here.push_back(order[k]);
    // The opening pronoun.
    std::optional<std::size_t> opening;
    std::size_t t = first;
    while (t < last && t < first + 3 && tokens[t].kind != text::TokenKind::kWord) ++t;
    if (t < last && owner[t] < 0 && subject && si - subject_sentence <= 2) {
      const std::string& f = folded[t];
      bool pronoun = f == "he" || f == "she" || f == "his" || f == "her";
      if (!pronoun && text::HasArabicScript(tokens[t].text)) {
        for (const std::string& form : ArabicForms(f))
          pronoun = pronoun || form == "هو" || form == "هی" || form == "او";
        pronoun = pronoun || f == "او";
      }
      if (pronoun) {
        out.push_back({t, *subject});
        possessive[t] = f == "his" || f == "her";
        opening = *subject;
      }
    }
    // "its" and definite organisation nouns.
    for (std::size_t i = first; i < last; ++i) {
      if (owner[i] >= 0 || (opening && i == t)) continue;
      const std::string& f = folded[i];
      // The organisations named before token i (earlier sentences, then this one).
      auto latest = [&](auto&& accept) -> std::optional<std::size_t> {
        std::optional<std::size_t> best;
        for (std::size_t m : here)
          if (types[m] == kO && mentions[m].end <= tokens[i].begin && accept(m, si)) best = m;
        if (best) return best;
        // The last kMaxOrgsBack organisations only: linear in the document.
        std::size_t looked = 0;
        for (auto it = orgs.rbegin(); it != orgs.rend() && looked < kMaxOrgsBack; ++it, ++looked)
          if (accept(it->first, it->second)) return it->first;
        return std::nullopt;
      };
      std::optional<std::size_t> antecedent;
      if (f == "its") {
        antecedent = latest([&](std::size_t, std::size_t sentence) { return si - sentence <= 2; });
        if (antecedent) possessive[i] = true;
      } else if (text::HasArabicScript(tokens[i].text)) {
        for (const std::string& form : ArabicForms(f)) {
          if (std::find(arabic_designators.begin(), arabic_designators.end(), form) ==
              arabic_designators.end())
            continue;
          // Used alone: definite (الحركة), or followed by punctuation, the end or a function word.
          bool alone = HasArticle(f) || i + 1 >= last || tokens[i + 1].kind != text::TokenKind::kWord ||
                       std::find(std::begin(kArabicFunctionWords), std::end(kArabicFunctionWords),
                                 folded[i + 1]) != std::end(kArabicFunctionWords);
          auto found = latest([&](std::size_t m, std::size_t) { return org_has(m, form); });
          if (found && !alone && i + 1 < last) {
            // "صرافة النور" when the NER missed it: the next word is the name's next word.
            const std::vector<std::string>& words = words_of(*found);
            alone = words.size() >= 2 && words[1] == folded[i + 1];
          }
          if (found && alone) antecedent = found;
          break;
        }
      } else if (i > first && IsArticle(folded[i - 1]) && !tokens[i].text.empty() &&
                 std::islower(static_cast<unsigned char>(tokens[i].text[0])) &&
                 std::find(std::begin(kOrgDesignators), std::end(kOrgDesignators), f) !=
                     std::end(kOrgDesignators)) {
        antecedent = latest([&](std::size_t m, std::size_t) { return org_has(m, f); });
      }
      if (antecedent) out.push_back({i, *antecedent});
    }
    // The subject for the next sentences: the opening pronoun's antecedent, else the first person.
    if (opening) {
      subject_sentence = si;
    } else {
      for (std::size_t m : here) {
        if (types[m] != kP) continue;
        subject = m;
        subject_sentence = si;
        break;
      }
    }
    for (std::size_t m : here)
      if (types[m] == kO) orgs.emplace_back(m, si);
  }
  return out;
}

}  // namespace

void AddHeaderParties(const std::map<std::string, std::string>& metadata, std::vector<Mention>& mentions) {
  for (const char* field : {"from", "to", "cc"}) {
    auto it = metadata.find(field);
    if (it == metadata.end()) continue;
    for (const auto& [name, address] : ParseMailboxes(it->second)) {
      if (!LooksLikeName(name)) continue;
      std::string display = name;
      // "Smith, John" was quoted in the header: "John Smith".
      if (auto comma = display.find(", "); comma != std::string::npos && display.find(' ') == comma + 1 &&
                                           display.find(' ', comma + 2) == std::string::npos) {
        display = display.substr(comma + 2) + " " + display.substr(0, comma);
      }
      std::string extra = std::string("{\"header\":\"") + field + "\",\"address\":\"";
      for (char c : address) {
        if (c == '"' || c == '\\') extra += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) extra += c;
      }
      extra += "\"}";
      mentions.push_back({"PERSON", 0, 0, display, text::CollapseWhitespace(display), 1.0, extra});
    }
  }
}

std::vector<Relation> LinkDocument(std::string_view text, std::string_view language,
                                   const std::vector<Mention>& mentions, std::size_t max_bytes,
                                   std::vector<ArgumentSpans>* stated_at) {
  if (text.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  return LinkDocument(text::TokenizedText(text), language, mentions, stated_at);
}

std::vector<Relation> LinkDocument(const text::TokenizedText& tokenized, std::string_view language,
                                   const std::vector<Mention>& mentions, std::vector<ArgumentSpans>* stated_at) {
  if (stated_at) stated_at->clear();
  const std::string_view text = tokenized.text;
  // Where the arguments of relations [stated_at->size(), out.size()) are named: their mentions.
  auto stated_by_mentions = [&](const std::vector<Relation>& relations, std::size_t end) {
    if (!stated_at) return;
    for (std::size_t k = stated_at->size(); k < end; ++k) {
      const Mention& s = mentions[relations[k].source];
      const Mention& t = mentions[relations[k].target];
      stated_at->push_back({s.begin, s.end, t.begin, t.end});
    }
  };
  std::vector<Relation> out;
  // E-mail header parties: From -> each To and Cc.
  {
    std::vector<std::size_t> from, to;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      if (m.begin != m.end || m.type != "PERSON") continue;
      if (m.extra.find("\"header\":\"from\"") != std::string::npos) from.push_back(i);
      if (m.extra.find("\"header\":\"to\"") != std::string::npos ||
          m.extra.find("\"header\":\"cc\"") != std::string::npos) {
        to.push_back(i);
      }
    }
    for (std::size_t f : from) {
      for (std::size_t t : to) {
        if (mentions[f].normalized == mentions[t].normalized) continue;
        Relation r;
        r.type = "communicated_with";
        r.source = f;
        r.target = t;
        r.confidence = 0.95;
        bool cc = mentions[t].extra.find("\"header\":\"cc\"") != std::string::npos;
        r.evidence = "From: " + mentions[f].text + "; " + (cc ? "Cc: " : "To: ") + mentions[t].text;
        out.push_back(std::move(r));
      }
    }
  }

  const std::vector<text::Token>& tokens = tokenized.tokens;
  if (tokens.empty()) {
    stated_by_mentions(out, out.size());
    return out;
  }
  const std::vector<text::SentenceSpan>& sentences = tokenized.sentences;

  // Mentions in the text, by begin offset.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].end > mentions[i].begin && mentions[i].end <= text.size()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return mentions[a].begin < mentions[b].begin; });

  std::vector<unsigned> types = EffectiveTypes(mentions);
  std::vector<std::string> folded;
  folded.reserve(tokens.size());
  for (const text::Token& t : tokens) folded.push_back(text::FoldWord(t.text));
  std::vector<int> owner(tokens.size(), -1);
  {
    std::size_t k = 0;
    for (std::size_t m : order) {
      if (types[m] == 0) continue;
      while (k < tokens.size() && tokens[k].end <= mentions[m].begin) ++k;
      for (std::size_t j = k; j < tokens.size() && tokens[j].begin < mentions[m].end; ++j) {
        owner[j] = static_cast<int>(m);
      }
    }
  }
  // Anaphors become mentions of their antecedents at their own words (indexes from
  // mentions.size() on); the relations are mapped back to the antecedents below.
  std::vector<bool> possessive(tokens.size(), false);
  const std::vector<Anaphor> anaphors =
      FindAnaphors(mentions, types, tokens, folded, sentences, order, owner, possessive);
  std::vector<Mention> extended;
  if (!anaphors.empty()) {
    extended = mentions;
    for (const Anaphor& a : anaphors) {
      const Mention& antecedent = mentions[a.antecedent];
      owner[a.token] = static_cast<int>(extended.size());
      extended.push_back({antecedent.type, tokens[a.token].begin, tokens[a.token].end, antecedent.text,
                          antecedent.normalized, antecedent.confidence, "{}"});
      types.push_back(types[a.antecedent]);
    }
    std::vector<std::size_t> merged;
    for (std::size_t i = mentions.size(); i < extended.size(); ++i) merged.push_back(i);
    std::vector<std::size_t> all_order;
    std::merge(order.begin(), order.end(), merged.begin(), merged.end(), std::back_inserter(all_order),
               [&](std::size_t a, std::size_t b) { return extended[a].begin < extended[b].begin; });
    order = std::move(all_order);
  }
  const std::vector<Mention>& linked = anaphors.empty() ? mentions : extended;
  const std::size_t relations_before = out.size();

  // The sender of an e-mail (its one From party), whom "my brother" names kin of.
  std::size_t sender = SIZE_MAX;
  for (std::size_t i = 0, senders = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.begin != m.end || m.type != "PERSON" || m.extra.find("\"header\":\"from\"") == std::string::npos)
      continue;
    sender = ++senders == 1 ? i : SIZE_MAX;
    if (senders > 1) break;
  }

  SentenceLinker linker(text, language, linked, tokens, out);
  linker.types = std::move(types);
  linker.folded = std::move(folded);
  linker.owner = std::move(owner);
  linker.possessive = std::move(possessive);
  linker.real_mentions = mentions.size();

  std::size_t next = 0;  // into order
  for (const text::SentenceSpan& s : sentences) {
    linker.first = s.begin_token;
    linker.last = s.end_token;
    linker.sentence_begin = tokens[s.begin_token].begin;
    linker.sentence_end = tokens[s.end_token - 1].end;
    linker.entities.clear();
    linker.dates.clear();
    linker.money.clear();
    linker.roles.clear();
    linker.seen.clear();
    while (next < order.size() && linked[order[next]].begin < linker.sentence_begin) ++next;
    for (std::size_t k = next; k < order.size() && linked[order[k]].begin < linker.sentence_end; ++k) {
      const Mention& m = linked[order[k]];
      if (m.end > linker.sentence_end) continue;
      if (linker.types[order[k]]) {
        linker.entities.push_back(order[k]);
      } else if (m.type == "DATE" && !m.normalized.empty()) {
        linker.dates.push_back(order[k]);
      } else if (m.type == "MONEY") {
        linker.money.push_back(order[k]);
      } else if (m.type == "ROLE") {
        linker.roles.push_back(order[k]);
      }
    }
    if (linker.entities.empty()) continue;
    linker.LinkFirstPersonKin(sender);
    if (linker.entities.size() >= 2) {
      linker.LinkRoles();
      linker.LinkTriggers();
      linker.LinkRolePhrases();
      linker.LinkCoMentions();
    }
    linker.LinkDates();
  }
  if (anaphors.empty()) {
    stated_by_mentions(out, out.size());
  } else {
    // Back to the antecedents; a tie an anaphor repeats in its sentence is kept once.
    stated_by_mentions(out, relations_before);
    std::vector<std::size_t> antecedent_of(extended.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) antecedent_of[i] = i;
    for (std::size_t k = 0; k < anaphors.size(); ++k)
      antecedent_of[mentions.size() + k] = anaphors[k].antecedent;
    std::vector<Relation> kept(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(relations_before));
    for (std::size_t k = relations_before; k < out.size(); ++k) {
      Relation r = std::move(out[k]);
      const ArgumentSpans spans{extended[r.source].begin, extended[r.source].end, extended[r.target].begin,
                                extended[r.target].end};
      r.source = antecedent_of[r.source];
      r.target = antecedent_of[r.target];
      if (r.source == r.target) continue;
      bool repeated = false;
      for (std::size_t j = kept.size(); j > relations_before && !repeated;) {
        const Relation& q = kept[--j];
        if (q.sentence_begin != r.sentence_begin) break;
        repeated = q.type == r.type &&
                   ((q.source == r.source && q.target == r.target) ||
                    (store::IsSymmetricTieType(r.type) && q.source == r.target && q.target == r.source));
      }
      if (repeated) continue;
      kept.push_back(std::move(r));
      if (stated_at) stated_at->push_back(spans);
    }
    out = std::move(kept);
  }
  return out;
}

}  // namespace leakgraph::link
