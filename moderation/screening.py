"""Screening: spam, abuse and messages that ask nothing, each with a reason.

A verdict never drops a message: it sends it to the moderators' screened lane
with a reason they can read ("ссылка на сторонний сайт", "нецензурная лексика:
«х*р»"), and a moderator can restore it into clustering. Reasons are written in
the message's language. Swear words are matched on roots, also when masked
("х*р", "бл@дь") or spelled out letter by letter ("п.и.з.д"); a reason shows
the word masked, never in full.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from moderation.lexicon import COURTESY_LEMMAS, TOPIC_WORDS, words
from moderation.normalize import EMOJI as _EMOJI
from moderation.normalize import Document

Screening = Literal["accepted", "spam", "abuse", "offtopic"]

_LINK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![@\w.-])[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{2,})*"
    r"\.(?:ru|com|net|org|рф|su|io|me|info|biz|xyz|online|site|shop|top|pro|"
    r"club|cc|ly|to|gg|app|link|store|win|bet|click)\b(?:/\S*)?"
    r"|\bt\.me/\S+"
    r"|(?<![@\w.-])[a-z0-9-]+\.[a-z]{2,12}/[\w/.-]+",
)
# Public services that citizens name when they ask about them.
_TRUSTED_DOMAINS = (
    "gosuslugi",
    "admhmao",
    "ugra",
    "myopenugra",
    "nalog",
    "pfr",
    "sfr",
    ".gov",
    "mos.ru",
)
_PHONE = re.compile(
    r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b"
    r"|\b\d{3}-\d{4}\b|@\w{4,}"
)
_DIGIT = re.compile(r"\d")
_MONEY = re.compile(r"\d\s*(?:руб|р\.|₽|\$|€|usd|долл|k\b|к\b|тыс)|[$€£]\s?\d")
# Phrases that only adverts use; one of them counts as two advert words.
_AD_PHRASES = re.compile(
    r"\d+\s*% (?:off|скидк)|скидк\w* \d+\s*%|call now|act now|limited time|"
    r"sign up now|click here|link in (?:my )?bio|free (?:quote|estimate|trial|"
    r"consultation|spins)|dm me|message me|visit (?:our|my)|check out (?:my|our)|"
    r"follow (?:me|us)|we buy|best prices?|cash for|work from home|"
    r"\bкуплю\b|в любом состоянии|выезд в течение|"
    r"работа на дому|пиши(?:те)? в (?:лс|личку|личные|директ|тг|телеграм)|"
    r"переходи(?:те)? по ссылке|ссылк\w* в (?:профиле|шапке|био|описании)|"
    r"не выходя из дома|подробности по ссылке|"
    r"без вложений|без проверок|без отказ|под ключ|в личку|подробности в|"
    r"подписывайтесь на|обращайтесь|предлагаем|наша компания|выгодные условия|"
    r"закажите|заказывайте|узнайте подробнее|спешите|только сегодня|"
    r"пассивн\w* доход|финансов\w* свобод|дополнительн\w* доход|набор сотрудников|"
    r"приглашаем на работу|бесплатн\w* консультац|"
    r"hiring now|apply (?:now|today|online)|order (?:now|today|online)|"
    r"shop (?:now|online)|use (?:my |the )?code|promo code|discount code|"
    r"book (?:now|today)|limited offer|don't miss|sign up (?:today|at)|"
    r"register (?:now|today|at)|call us|contact us|text me|we offer|we provide|"
    r"best (?:deals|rates)|lowest (?:prices|rates)|free shipping|money back|"
    r"act fast|earn money|make money|extra income|passive income|"
    r"financial freedom|investment opportunity|get paid|"
    r"(?:you|u) (?:have|ve) been selected|reply (?:yes|stop)|claim your|"
    r"you(?:'ve| have) won|visit (?:us|today)|order at|2 for 1|two for one|"
    r"buy one,? get one",
)

_ADVERT = words(
    """
    купить купите покупай скидка скидки распродажа заработок заработать
    зарабатывать доход казино ставка ставки букмекер займ микрозайм промокод
    подписывайтесь подписаться подпишись переходите переходи жми пишите продам
    продаю недорого оптом доставка реклама акция бонус выигрыш выиграть
    инвестиция инвестировать пассивный прибыль лайк репост вакансия кредит
    звоните звонить пиши whatsapp ватсап вотсап телеграм канал сдам сдаю
    посуточно онлайн отказа подработка подработку удаленка удаленный личка
    личку лс директ тг телега депозит фриспин фриспины трейдинг трейдер форекс
    сигнал вложение вложить вложи вложений гарантированно гарантия одобрение
    проверок бесплатно бесплатный замер ключ договорная продается продаётся
    скидку акции инстаграм инста ютуб youtube instagram tiktok тикток вебкам
    похудеть похудение розыгрыш регистрируйся регистрируйтесь заработка
    гадание гадалка гадать таро приворот ясновидящий экстрасенс магия маг
    buy discount sale promo casino bet betting earn income profit subscribe click
    cheap offer loan viagra bonus win winner invest investment follow deal
    selling sell dm telegram free estimates call giveaway giveaways spins signup
    sign-up register limited hurry cash guaranteed approval followers channel
    singles dating weight lose trick forex trading signals deposit quote quotes
    whatsapp link bio promo-code coupon
    """
)
_CRYPTO = words(
    """
    биткоин биткойн крипта криптовалюта криптовалюты крипто блокчейн токен
    bitcoin btc usdt eth ethereum crypto cryptocurrency airdrop nft token
    tokens blockchain binance
    """
)

# Roots of Russian and English obscenities; each pattern is matched from the
# start of a word, so "употреблять" or "хулиган" never match.
_OBSCENE_ROOTS = re.compile(
    r"^(?:(?:на|по|ни|о|от|за|до|а)?ху[йеёияю]"
    r"|(?:рас|рас|с|от|за|вы|на|по|у|о)?пизд"
    r"|(?:за|на|по|от|отъ|вы|у|до|про|раз|рас|при|съ|подъ|объ|въ|недо)?[её]б(?:а|у|л|н|и|ё|т|ы|ш)"
    r"|бля(?:ть|дь|д\w*)?$|(?:вы)?бл[яеэа]д"
    r"|муд(?:ак|ач|ил|озвон)|пид[оа]?р|г[ао]ндон|залуп|шлюх|хер(?:ня|ов|ом)?$"
    r"|fuck|shit|bitch|cunt|motherf|asshole|dickhead|bastard"
    r"|жоп|говн|дерьм|обосра|засран|херн|хрен(?:ов|ь)|охрене|долбо[её]б"
    r"|twat|wanker|prick$|pricks$|douche|bullshit|crap$|crappy$|piss|ass$|arse$"
    r"|bly[ae]?[dt]|pizd|nah?u[iyj]|hu[iyj](?:nya|lo)?$|eba[lnt]|suk[ai]$|mud[ao]k)",
)
# Insults aimed at people. Words a citizen may use about things or events
# ("воры" who robbed a shop, a "stupid" pothole) are left out on purpose.
_INSULTS = words(
    """
    дебил идиот урод мразь ублюдок сволочь подонок придурок кретин быдло тварь
    ничтожество дурак дура тупица скотина козел мерзавец негодяй уебок выродок
    гнида паскуда сука сучара шваль тупой ворюга бездельник дармоед кровопийца
    позорище гад лох упырь шакал
    idiot moron retard scum dumbass jerk loser imbecile liar crook
    """
)
# Roots of insults, matched from the start of a word so that their derived and
# inflected forms ("дебилоид", "придурки", "morons") are caught too.
_INSULT_ROOTS = re.compile(
    r"^(?:дебил|идиот|имбецил|кретин|дегенерат|ублюд|мраз|урод(?!ил|ств)|сволоч"
    r"|подон|придур|быдл|твар|гнид|паскуд|чмо|скотин|ничтожеств|дармоед|тупиц"
    r"|олух|бестолоч|недоум(?!ени)|говнюк|засран|мерзав|негодя|выродк|выродок|ворюг"
    r"|жулье|ворье|чинуш|зажрал|зажравш|дурак|дуры$|кровопийц|паразит|клоун"
    r"|свинь[ия]$|свиней$|бездар|проходим|жополиз|лизоблюд|холуй|холуи|прихвост"
    r"|упыр|кровосос|нелюд|отмороз|нахлебник|тунеядц|захребетник|олигофрен"
    r"|пиявк|стервятник|крысы$|бездельниц|безмозгл|лгун|врун|воровк"
    r"|баран(?:ы|ов|ам|ами)?$"
    r"|idiot|moron|imbecil|retard|dumbass|scumbag|jackass|clown|pathetic$"
    r"|fools?$|buffoon|bozos?$|nitwit|halfwit|dimwit|bloodsucker|leeches$"
    r"|traitors?$|cowards?$|hypocrites?$)"
)
# Telling an official to get lost, to shut up or to die is abuse whatever the
# words around it.
_ABUSIVE_VERBS = re.compile(
    r"\b(?:(?:да\s+)?пош[её]?л[иа]?\s+(?:вы|ты|он|они)|идите\s+(?:вы\s+)?(?:на|в)\b"
    r"|нахрен|нахер|к\s+черту|заткни(?:сь|тесь)|сдохн|сдохли|чтоб\s+вы"
    r"|go\s+f\S*\s+yourself|\bf[*#@!]*\s+off\b|stfu|wtf|shut\s+the\s+hell"
    r"|screw\s+you|damn\s+you|to\s+hell\s+with|burn\s+in\s+hell"
    r"|гореть\s+вам|в\s+аду\s+гореть|чтоб\s+вам|you\s+suck|rot\s+in\s+hell"
    # Threats against officials.
    r"|(?:убить|убью|повесить|расстрелять|сжечь|посадить)\s+(?:бы\s+)?"
    r"(?:вас|их|всех|его|мэра|губернатора|чиновников|депутатов)"
    r"|на\s+вилы|к\s+стенке|поплатитесь|доберемся\s+до\s+вас"
    r"|(?:kill|hang|shoot)\s+(?:you|them|him|her|the\s+mayor|all)"
    r"|watch\s+your\s+back|you\s+will\s+pay)",
)
# Calling an official a thief or a clown: "губернатор вор", "you are all
# thieves". A thief who robbed a shop, named without an official, passes.
_OFFICIAL_INSULT = re.compile(
    r"\b(?:губернатор\w*|мэр\w*|глав[аы]|депутат\w*|чиновник\w*|министр\w*|"
    r"власт\w*|вы|ты|mayor|council\w*|officials?|politicians?|you(?:'re)?|"
    r"they(?:'re)?)\b"
    r"(?:\s+(?:все|там|же|are|all|a|an|bunch|of|such|just|nothing|but|—|-|–)){0,4}"
    r"\s+(?:вор(?:ы|ов|ье)?|жулик(?:и|ов)?|бандит(?:ы|ов)?|преступник(?:и|ов)?"
    r"|лжец\w*|брехун\w*|"
    r"thie(?:f|ves)|crooks?|liars?|frauds?|criminals?|parasites?|clowns?|"
    r"corrupt\s+\w+)\b",
)
# Canonical obscene words that masked spellings are compared with.
_MASKABLE = (
    "хуй",
    "хуя",
    "хуе",
    "хер",
    "пизда",
    "пиздец",
    "ебать",
    "ебаный",
    "ебал",
    "бля",
    "блять",
    "блядь",
    "сука",
    "мудак",
    "пидор",
    "пидорас",
    "говно",
    # The same in Latin letters, as transliterated messages write them.
    "mudak",
    "suka",
    "blyat",
    "pizdec",
    "huy",
    "fuck",
    "fucking",
    "shit",
    "bitch",
    "хуйня",
    "суки",
    "сучка",
    "жопа",
    "ебучий",
    "блядство",
    "мудила",
    "bullshit",
    "fucker",
    "asshole",
    "епаный",
    "задница",
    "assholes",
    "shitshow",
    "shithole",
    "блядский",
    "блядские",
    "херовый",
    "херовы",
    "хуевый",
    "хуевы",
    "охуеть",
    "охуели",
    "охуенно",
    "нахер",
    "нахуй",
    "похуй",
    "похер",
    "заебали",
    "заебать",
    "ебаные",
    "ебанутые",
    "ебучие",
    "хуево",
    "хуйло",
    "пиздят",
    "пиздеж",
    "долбоеб",
    "уебки",
    "мудаки",
    "херня",
    "охренели",
    "pizdec",
    "pizdets",
    "blyat",
    "blyad",
    "nahui",
    "nahuy",
    "huinya",
    "ebat",
    "suka",
)
_ABUSIVE_PHRASES = re.compile(
    r"go to hell|жирные коты|пусто было|катитесь|убирайтесь|shut up"
    r"|piece of (?:garbage|trash|crap|junk)"
    # "Пошли вы на х**": the one letter left is enough after "на"; "f***"
    # is the one English word masked down to a single letter.
    r"|\bна\s+х[*#$%@.]+(?!\w)|(?<![\w*])f[*#$%@]{2,3}(?:ing|ed|in)?(?![\w*])"
)
_MASK_CHARS = "*#$%@!"
_LOOKALIKES = str.maketrans(
    {
        "@": "а",
        "0": "о",
        "3": "з",
        "6": "б",
        "a": "а",
        "e": "е",
        "o": "о",
        "p": "р",
        "c": "с",
        "x": "х",
        "y": "у",
        "k": "к",
        "m": "м",
        "t": "т",
        "h": "н",
        "b": "в",
        "ё": "е",
    }
)
# Digits and signs standing for Latin letters: "a$$hole", "sh1t".
_LATIN_LOOKALIKES = str.maketrans({"@": "a", "0": "o", "1": "i", "3": "e", "$": "s"})
_MASKED_TOKEN = re.compile(r"[\w*#$%@!]*(?:[*#$%@]|\w!\w)[\w*#$%@!]*")
# A word opened by one or two letters and a dot or a dash: "е.бать", "х-й".
_PUNCTUATED = re.compile(r"\b\w{1,2}[.\-_…]+\w+")
_PUNCTUATION_RUN = re.compile(r"[.\-_…]+")
_SPELLED_OUT = re.compile(r"(?<!\w)(?:\w[.\s_*-]){2,}\w(?!\w)")
_ANY_TOKEN = re.compile(r"[\w@*#$%]+")
_CONSONANT_RUN = re.compile(r"[бвгджзйклмнпрстфхцчшщ]{6,}|[bcdfghjklmnpqrstvwxz]{6,}")
_LETTER = re.compile(r"[^\W\d_]")
_THANKS = re.compile(r"спасиб|благодар|thank|appreciat", re.IGNORECASE)
# Wishes, thanks and hellos; a message with one of them, no question and no
# request in it asks the host nothing.
_COURTESY_ONLY = re.compile(
    r"спасиб|благодар|поздравля|с дн[её]м рождения|с праздник|с новым год|"
    r"с наступающ|привет|люблю|хорошего эфира|смотрим|смотрю|"
    r"здоровья|удачи|счастья|\bсил\b|с богом|храни вас|мы с вами|ура\b|"
    # "Go Oilers!" cheers; "go down", "go to", "go w/ clean air" do not.
    r"thank|happy birthday|congrat|hello|love|watching|greetings|"
    r"\bgo (?!(?:down|up|to|back|away|out|in|on|with|w|for|through|over|off|"
    r"into|by|home|ahead)\b)[a-z]+|"
    r"bless|keep it up|great show|good show|nice|good luck|\bcheers",
    re.IGNORECASE,
)
# A request needs no question mark: "жители просят принять меры", "подскажите,
# какие программы действуют".
_REQUEST = re.compile(
    r"прошу|прос(?:им|ят|ит|или)\b|помогите|требуем|нужн|надо|необходим|когда|"
    r"почему|зачем|подскажите|объясните|расскажите|сообщите|уточните|"
    r"please|need|must|should|help|when|why|"
    # An English question asked without its mark, and "wen" for "when".
    r"\bwen\b|\b(?:will|can|could|would) (?:there|you|we|they|it|the|our)\b",
    re.IGNORECASE,
)
# Small talk: sport results, the weather, films, food, how the host looks,
# the host's private life, how the broadcast itself is shown. A
# message about them more than about any civic matter is off topic, however it
# asks ("подскажите рецепт борща"). Words with an everyday civic sense too
# ("готовить": to cook, or to prepare a ski track; "счёт": a score, or a bill
# and one's own expense; "мама" signing a soldier's question) are left out.
_SMALL_TALK = words(
    """
    погода футбол футбольный чемпионат матч хоккей сборная выиграть
    проиграть фильм кино сериал песня певец певица артист актер рецепт борщ
    суп пирог блюдо вкусный ведущий ведущая костюм платье галстук
    прическа выглядеть выглядите красивый красивая симпатичный лайк
    передавать стих стихотворение поэт анекдот
    шутка любимый гороскоп зодиак дела замужем женатый женат сияние клевать
    ютуб ютуба ютубе ютубом youtube
    weather football soccer basketball baseball hockey super bowl game bbq
    barbecue picnic
    movie movies film song singer actor recipe dinner favorite favourite
    tie dress suit hair blazer jacket outfit tuning tuned poem winner overtime
    playoff playoffs championship sunny
    roses violets lol haha omg miss horoscope zodiac married streamed streaming
    ugh shoutout
    """
)
# Words of small talk that residents also use of civic matters ("route 4 is a
# joke", "has anyone looked at our streets", "смотреть статус обращения"): each
# counts half, so that one alone, or one beside a civic word, screens nothing.
_WEAK_SMALL_TALK = words(
    "look looks looking looked show watch joke team score win won смотреть"
)
_TEST_WORDS = frozenset(
    {"тест", "test", "проверка", "testing", "тестовый", "связи", "микрофон"}
    | {"раз", "два", "три", "one", "two", "three", "mic", "check"}
    # Keyboard runs typed to try a form out.
    | {"qwe", "qwerty", "asd", "asdf", "zxc", "йцу", "йцукен", "фыва", "ячс"}
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The screening outcome for one message, with a reason unless accepted."""

    screening: Screening
    reason: str | None = None

    @property
    def is_accepted(self) -> bool:
        return self.screening == "accepted"


ACCEPTED = Verdict("accepted")


def mask(word: str) -> str:
    """A word shown with its inner letters starred: «п****ц»."""
    if len(word) <= 2:
        return word[:1] + "*"
    if len(word) == 3:
        return word[0] + "*" + word[2]
    return word[0] + "*" * (len(word) - 2) + word[-1]


class Screener:
    """Decides whether a message goes to clustering or to the screened lane."""

    def screen(self, document: Document) -> Verdict:
        """The verdict for one analysed message."""
        english = document.language == "en"
        lowered = document.text.lower()
        abuse = _find_abuse(lowered, document)
        if abuse is not None:
            kind, word = abuse
            if kind == "obscene":
                label = "profanity" if english else "нецензурная лексика"
            else:
                label = "insult" if english else "оскорбление"
            return Verdict("abuse", f"{label}: «{mask(word)}»")
        spam = _find_spam(lowered, document, english)
        if spam is not None:
            return Verdict("spam", spam)
        offtopic = _find_offtopic(document, english)
        if offtopic is not None:
            return Verdict("offtopic", offtopic)
        return ACCEPTED


def _find_abuse(lowered: str, document: Document) -> tuple[str, str] | None:
    phrase = (
        _ABUSIVE_PHRASES.search(lowered)
        or _ABUSIVE_VERBS.search(lowered)
        or _OFFICIAL_INSULT.search(lowered)
    )
    if phrase is not None:
        return "insult", phrase.group()
    for word in document.words:
        kind = _word_abuse(word.surface, word.lexeme.lemma)
        if kind is not None:
            return kind, word.surface
    tokens = _ANY_TOKEN.findall(lowered)
    for token in tokens:
        plain = token.translate(_LOOKALIKES)
        if plain != token and _OBSCENE_ROOTS.match(plain):
            return "obscene", token
    for token in tokens:
        # Only Latin words with a digit or a sign in them can be disguised.
        if token.isascii() and not token.isalpha():
            plain = token.translate(_LATIN_LOOKALIKES)
            if plain != token and _OBSCENE_ROOTS.match(plain):
                return "obscene", token
    if any(ch in lowered for ch in _MASK_CHARS):
        for token in _MASKED_TOKEN.findall(lowered):
            if _matches_masked(token):
                return "obscene", token
    for spelled in _SPELLED_OUT.findall(lowered):
        joined = re.sub(r"[.\s_*-]", "", spelled)
        if _OBSCENE_ROOTS.match(joined) or _OBSCENE_ROOTS.match(
            joined.translate(_LOOKALIKES)
        ):
            return "obscene", joined
    # Letters parted by dots or dashes: "е.бать" hides a word, "х-й" masks one.
    for token in _PUNCTUATED.findall(lowered):
        if _OBSCENE_ROOTS.match(_PUNCTUATION_RUN.sub("", token)) or _matches_masked(
            _PUNCTUATION_RUN.sub("*", token)
        ):
            return "obscene", token
    return None


@functools.lru_cache(maxsize=1 << 16)
def _word_abuse(surface: str, lemma: str) -> str | None:
    # Words recur from message to message: each is judged once.
    if _OBSCENE_ROOTS.match(surface):
        return "obscene"
    if lemma in _INSULTS or surface in _INSULTS or _INSULT_ROOTS.match(surface):
        return "insult"
    return None


def _matches_masked(token: str) -> bool:
    # Each run of mask characters stands for one to four hidden letters.
    # A mask may also stand first ("*баные"), but two letters at least must
    # show, or any starred word would match.
    if sum(ch.isalpha() for ch in token) < 2:
        return False
    token = token.replace("ё", "е")
    # "@" is a letter "а" or a mask: "бл@дь", "п@здец".
    for variant in (token.translate(_AT_ONLY), token.replace("@", "*")):
        if any(_masks(head) for head in _heads(variant)):
            return True
    return False


def _heads(variant: str) -> list[str]:
    # The token, then the token cut shorter, letter by letter, down to three
    # letters with one after the last mask: a masked root may carry an ending
    # or a second root of its own ("г*вноеды").
    last_mask = max(variant.rfind(ch) for ch in _MASK_CHARS)
    heads = [variant]
    if last_mask < 0:
        return heads
    for end in range(len(variant) - 1, last_mask + 1, -1):
        head = variant[:end]
        if sum(ch.isalpha() for ch in head) < 3:
            break
        heads.append(head)
    return heads


def _masks(head: str) -> bool:
    pattern = _MASK_RUN.sub(r"\\w{1,4}", re.escape(head))
    compiled = re.compile(pattern + r"\w*")
    return any(compiled.fullmatch(word) for word in _MASKABLE)


_AT_ONLY = str.maketrans({"@": "а"})
_MASK_RUN = re.compile(r"(?:\\?[*#$%!])+")


def _find_spam(lowered: str, document: Document, english: bool) -> str | None:
    for link in _LINK.findall(lowered):
        if not any(domain in link for domain in _TRUSTED_DOMAINS):
            return "link to another site" if english else "ссылка на сторонний сайт"

    surfaces = [w.surface for w in document.words]
    lemmas = [w.lexeme.lemma for w in document.words]
    advert = sum(
        1
        for s, lemma in zip(surfaces, lemmas, strict=True)
        if s in _ADVERT or lemma in _ADVERT
    )
    advert += 2 * len(_AD_PHRASES.findall(lowered))
    crypto = sum(1 for s in surfaces if s in _CRYPTO)
    # Phone numbers and sums have digits; handles have "@".
    has_contact = (_DIGIT.search(lowered) is not None or "@" in lowered) and (
        bool(_PHONE.search(lowered)) or bool(_MONEY.search(lowered))
    )
    if crypto and (advert or has_contact or not document.has_question):
        return "cryptocurrency advert" if english else "реклама криптовалюты"
    if advert >= 2 and (has_contact or not document.has_question or advert >= 3):
        return "advertising" if english else "реклама"
    if advert and has_contact and not document.has_question:
        return "advertising" if english else "реклама"

    content = [w for w in document.words if not w.lexeme.is_stop]
    if content and all(
        w.surface in _TEST_WORDS or w.surface.isdigit() for w in content
    ):
        return "test message" if english else "тестовое сообщение"
    if _is_gibberish(document, lowered):
        return "gibberish" if english else "бессмысленный набор символов"
    return None


def _is_gibberish(document: Document, lowered: str) -> bool:
    if _LETTER.search(lowered) is None:
        # Emoji alone are a reaction, not noise: they are off topic instead.
        return not _EMOJI.search(document.text) and not any(
            ch.isdigit() for ch in lowered
        )
    if _CONSONANT_RUN.search(lowered):
        return True
    letters = _LETTER.findall(lowered)
    if len(letters) >= 5 and len(set(letters)) <= 2:
        return True
    words = [w for w in document.words if len(w.surface) >= 3 and w.surface.isalpha()]
    if not words:
        return False
    # A message of nothing but unknown words, none of them a question word,
    # is keyboard noise.
    unknown = sum(1 for w in words if not w.lexeme.is_known)
    return unknown == len(words) and not document.has_question and len(words) <= 6


def _small_talk_weight(surface: str, lemma: str) -> float:
    if surface in _WEAK_SMALL_TALK or lemma in _WEAK_SMALL_TALK:
        return 0.5
    return 1.0 if lemma in _SMALL_TALK or surface in _SMALL_TALK else 0.0


def _find_offtopic(document: Document, english: bool) -> str | None:
    content = [w for w in document.words if not w.lexeme.is_stop]
    if not content:
        if any(_THANKS.search(part) for part in document.courtesy):
            return "thanks with no question" if english else "благодарность без вопроса"
        if document.courtesy:
            return "greeting with no question" if english else "приветствие без вопроса"
        return "no question" if english else "нет вопроса"
    if not document.has_question and all(
        w.lexeme.lemma in COURTESY_LEMMAS
        or w.surface in COURTESY_LEMMAS
        or w.lexeme.is_person
        for w in content
    ):
        return "thanks with no question" if english else "благодарность без вопроса"
    civic = sum(
        1 for w in content if w.lexeme.concepts or w.lexeme.lemma in TOPIC_WORDS
    )
    # A word of both ("рецепт": a prescription or a recipe) counts as civic.
    small_talk = sum(
        _small_talk_weight(w.surface, w.lexeme.lemma)
        for w in content
        if not w.lexeme.concepts
    )
    # One weak word alone is not small talk.
    if small_talk >= 1 and civic <= small_talk:
        return "small talk" if english else "не по теме эфира"
    if _REQUEST.search(document.text):
        return None
    if not document.has_question and _COURTESY_ONLY.search(document.text):
        return "no question" if english else "нет вопроса"
    if (
        not civic
        and not document.has_question
        and len(content) <= 3
        and not any(w.surface.isdigit() for w in content)
    ):
        return "no question" if english else "нет вопроса"
    return None
