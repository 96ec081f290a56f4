"""Words and sentence patterns that ``bench.generate`` assembles into questions.

Each language has places, people's names, forms of address, sign-offs, story
sentences, questions about one place (``LOCAL``, with slots filled per cluster),
questions of the whole region (``REGIONAL``), and junk to screen out. A pattern's
slots are ``{town}``, ``{town_in}`` (Russian: "в Сургуте"), ``{town_of}`` (Russian
genitive: "Сургута"), ``{street}``, ``{house}`` and ``{number}``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    """A place name with the forms the patterns need."""

    name: str
    inside: str
    of: str


@dataclass(frozen=True)
class LocalQuestion:
    """Ways to ask one question about a place, and the slots that make it unique."""

    key: str
    slots: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Phrasebook:
    """Everything the generator needs to write in one language."""

    language: str
    towns: tuple[Town, ...]
    streets: tuple[str, ...]
    names: tuple[str, ...]
    greetings: tuple[str, ...]
    signoffs: tuple[str, ...]
    story: tuple[str, ...]
    local: tuple[LocalQuestion, ...]
    regional: tuple[tuple[str, ...], ...]
    spam: tuple[str, ...]
    abuse: tuple[str, ...]
    offtopic: tuple[str, ...]
    emoji: tuple[str, ...]


def _towns(rows: str) -> tuple[Town, ...]:
    return tuple(Town(*row.split(";")) for row in rows.strip().splitlines())


RU_TOWNS = _towns(
    """
Сургут;в Сургуте;Сургута
Нижневартовск;в Нижневартовске;Нижневартовска
Нефтеюганск;в Нефтеюганске;Нефтеюганска
Ханты-Мансийск;в Ханты-Мансийске;Ханты-Мансийска
Нягань;в Нягани;Нягани
Мегион;в Мегионе;Мегиона
Когалым;в Когалыме;Когалыма
Радужный;в Радужном;Радужного
Лангепас;в Лангепасе;Лангепаса
Урай;в Урае;Урая
Пыть-Ях;в Пыть-Яхе;Пыть-Яха
Покачи;в Покачах;Покачей
Югорск;в Югорске;Югорска
Белоярский;в Белоярском;Белоярского
Советский;в Советском;Советского
Берёзово;в Берёзово;Берёзово
Лянтор;в Лянторе;Лянтора
Излучинск;в Излучинске;Излучинска
"""
)

EN_TOWNS = _towns(
    """
Millbrook;in Millbrook;Millbrook
Harlow;in Harlow;Harlow
Eastbury;in Eastbury;Eastbury
Kingsford;in Kingsford;Kingsford
Ashton;in Ashton;Ashton
Fairview;in Fairview;Fairview
Lakewood;in Lakewood;Lakewood
Brookfield;in Brookfield;Brookfield
"""
)

RUSSIAN = Phrasebook(
    language="ru",
    towns=RU_TOWNS,
    streets=(
        "Ленина",
        "Мира",
        "Энергетиков",
        "Нефтяников",
        "Губкина",
        "Строителей",
        "Дружбы Народов",
        "30 лет Победы",
        "Гагарина",
        "Островского",
        "Чехова",
        "Пушкина",
        "Чкалова",
        "Маяковского",
        "Геологов",
    ),
    names=(
        "Иван",
        "Ольга",
        "Сергей",
        "Марина",
        "Алексей",
        "Татьяна",
        "Дмитрий",
        "Елена",
        "Рустам",
        "Гульнара",
        "Николай",
        "Светлана",
        "Артём",
        "Зарема",
    ),
    greetings=(
        "Здравствуйте!",
        "Добрый день.",
        "Уважаемая Наталья Владимировна!",
        "Здравствуйте, Наталья Владимировна.",
        "Добрый вечер!",
        "Доброго времени суток.",
    ),
    signoffs=(
        "Спасибо.",
        "С уважением, {name}.",
        "Заранее благодарю!",
        "{name}, {town}.",
        "Спасибо за ответ!",
        "Здоровья Вам!",
    ),
    story=(
        "Я живу здесь с 1987 года.",
        "У нас трое детей.",
        "Муж работает вахтой.",
        "Я пенсионерка, живу одна.",
        "Работаю в школе учителем.",
        "Писали уже в администрацию, ответа нет.",
        "Соседи жалуются на то же самое.",
        "Зимой у нас до минус сорока.",
        "Дети постоянно болеют.",
        "Мы платим все налоги вовремя.",
        "В прошлом году обещали, но ничего не сделали.",
    ),
    local=(
        LocalQuestion(
            "road",
            ("town", "street"),
            (
                "Когда отремонтируют дорогу на улице {street} {town_in}?",
                "На улице {street} {town_in} сплошные ямы. Когда ремонт?",
                "Прошу сообщить сроки ремонта дороги по ул. {street}, г. {town}.",
                "Будет ли в этом году ремонт проезжей части на {street} {town_in}?",
            ),
        ),
        LocalQuestion(
            "bus",
            ("town", "number"),
            (
                "Почему автобус №{number} {town_in} ходит так редко?",
                "Добавьте автобусы на маршрут {number}, {town}, ждём по 40 минут.",
                "Когда на маршруте {number} {town_in} сократят интервал?",
            ),
        ),
        LocalQuestion(
            "school",
            ("town", "number"),
            (
                "Когда в школе №{number} {town_in} отменят вторую смену?",
                "Планируется ли перевести школу № {number} ({town}) в одну смену?",
                "Школа {number} {town_in} учится до вечера. Когда будет одна смена?",
            ),
        ),
        LocalQuestion(
            "kindergarten",
            ("town", "number"),
            (
                "Когда построят детский сад в {number} микрорайоне {town_of}?",
                "В {number} мкр {town_of} нет мест в садике. Когда будет новый?",
                "Каковы сроки строительства садика в {number} микрорайоне {town_of}?",
            ),
        ),
        LocalQuestion(
            "heating",
            ("town", "street", "house"),
            (
                "Почему в доме {street}, {house} {town_in} холодно? Батареи холодные.",
                "Когда наладят отопление в доме по ул. {street}, {house} ({town})?",
                "В доме на {street} {house} {town_in} дома +16. Когда дадут тепло?",
            ),
        ),
        LocalQuestion(
            "capital-repair",
            ("town", "street", "house"),
            (
                "Когда будет капремонт дома {street}, {house} {town_in}?",
                "Дом по ул. {street}, {house} ({town}) ждёт капремонта. На какой год?",
                "Крыша течёт в доме {street} {house} {town_in}. Когда капремонт?",
            ),
        ),
        LocalQuestion(
            "unsafe-house",
            ("town", "street", "house"),
            (
                "Когда расселят аварийный дом {street}, {house} {town_in}?",
                "Дом {street}, {house} ({town}) признан аварийным. Когда переселят?",
            ),
        ),
        LocalQuestion(
            "pediatrician",
            ("town",),
            (
                "Когда {town_in} решат проблему с педиатрами?",
                "В детской поликлинике {town_of} не хватает педиатров. Что делается?",
                "К педиатру {town_in} не записаться на две недели. Когда будут врачи?",
            ),
        ),
        LocalQuestion(
            "streetlights",
            ("town", "street"),
            (
                "На улице {street} {town_in} не горят фонари. Когда починят?",
                "Улица {street} ({town}) без освещения уже месяц. Кто отвечает?",
            ),
        ),
        LocalQuestion(
            "garbage",
            ("town", "street"),
            (
                "Почему {town_in} не вывозят мусор с улицы {street}?",
                "Контейнеры на {street} ({town}) переполнены неделю. Когда вывезут?",
            ),
        ),
    ),
    regional=(
        (
            "Когда будет индексация пенсий?",
            "Когда проиндексируют пенсии в этом году?",
            "Будут ли повышать пенсии с учётом инфляции?",
        ),
        (
            "Почему растут тарифы на ЖКХ по всему округу?",
            "Почему каждый год дорожает коммуналка?",
            "Кто решает повышать тарифы на коммунальные услуги и почему?",
        ),
        (
            "Когда проиндексируют детские пособия?",
            "Будет ли в этом году повышение пособий на детей?",
        ),
        (
            "Почему в аптеках нет льготных лекарств?",
            "Когда наладят выдачу лекарств льготникам?",
        ),
        (
            "Будут ли этим летом субсидированные авиабилеты на юг?",
            "Когда начнётся продажа льготных билетов на самолёт для жителей Югры?",
        ),
        (
            "Почему плату за вывоз мусора считают по числу прописанных?",
            "Когда плату за ТКО будут начислять по факту, а не по нормативу?",
        ),
        (
            "Почему вырос взнос на капремонт?",
            "Кто устанавливает размер взноса на капитальный ремонт и почему он растёт?",
        ),
        (
            "Когда повысят выплаты ветеранам труда Югры?",
            "Будет ли индексация ежемесячной выплаты ветеранам труда?",
        ),
        (
            "Будет ли повышение зарплаты учителям?",
            "Почему зарплаты педагогов в округе не растут?",
        ),
        (
            "Почему молодёжь получает северную надбавку не сразу?",
            "Можно ли выплачивать северную надбавку молодым специалистам сразу?",
        ),
    ),
    spam=(
        "Заработок от {number}000 рублей в день! Пиши в телеграм @dengi{house}",
        "Купить диплом недорого diplom{house}.example.ru",
        "Продам гараж {town_in}, {number} кв.м, звонить вечером",
        "КРЕДИТ ОНЛАЙН БЕЗ ОТКАЗА!!! 8-800-{house}-{number}-00",
        "Крипта x{number} за неделю, ссылка t.me/pump{house}",
        "{gibberish}",
    ),
    abuse=(
        "Вы все воры и бездельники",
        "да пошли вы на х*р",
        "бл@ когда уже вы уйдёте, дармоеды",
        "п*здец а не власть",
        "тупые чиновники, ничего не делаете",
    ),
    offtopic=(
        "Спасибо за вашу работу!",
        "Привет всем из {town_of}!",
        "Смотрим прямую линию всей семьёй!",
        "С праздником, Наталья Владимировна!",
        "Хорошего эфира!",
    ),
    emoji=("🙏", "😡", "😢", "👍", "🥶", "🤬", "💸", "🏠"),
)

ENGLISH = Phrasebook(
    language="en",
    towns=EN_TOWNS,
    streets=(
        "Main Street",
        "Oak Avenue",
        "Station Road",
        "Elm Street",
        "Pine Street",
        "River Road",
        "Church Street",
        "Maple Drive",
        "Cedar Lane",
        "Park Avenue",
        "Mill Road",
        "High Street",
    ),
    names=("Greg", "Priya", "Tom", "Linda", "Kevin", "Maria", "Jordan", "Anne"),
    greetings=(
        "Hi Mayor,",
        "Good evening!",
        "Hello,",
        "Hi there.",
        "Dear Mayor Alvarez,",
    ),
    signoffs=("Thanks.", "Thanks, {name}", "Regards, {name}", "Cheers!", "Thank you!"),
    story=(
        "I've lived here for 20 years.",
        "We have two kids in school.",
        "I'm retired and on a fixed income.",
        "I called the city twice already.",
        "My neighbors have the same problem.",
        "It has been like this since spring.",
    ),
    local=(
        LocalQuestion(
            "road",
            ("town", "street"),
            (
                "When will the potholes on {street} {town_in} be fixed?",
                "Is {street} {town_in} getting repaved this year?",
                "{street} {town_in} is all potholes. What is the timeline?",
            ),
        ),
        LocalQuestion(
            "bus",
            ("town", "number"),
            (
                "Why does bus route {number} {town_in} come only every 45 minutes?",
                "Can {town} add more buses to route {number}?",
            ),
        ),
        LocalQuestion(
            "school",
            ("town", "number"),
            (
                "When will School {number} {town_in} get rid of portable classrooms?",
                "School {number} {town_in} is overcrowded. What is the plan?",
            ),
        ),
        LocalQuestion(
            "flooding",
            ("town", "street"),
            (
                "What is being done about flooding on {street} {town_in}?",
                "{street} {town_in} floods every storm. When will drains be fixed?",
            ),
        ),
        LocalQuestion(
            "streetlights",
            ("town", "street"),
            (
                "Streetlights on {street} {town_in} are out. When will they be fixed?",
                "{street} {town_in} has been dark for weeks. Who fixes the lights?",
            ),
        ),
        LocalQuestion(
            "speeding",
            ("town", "street"),
            (
                "Can we get speed bumps on {street} {town_in}?",
                "Cars race down {street} {town_in}. Can the city slow them down?",
            ),
        ),
    ),
    regional=(
        (
            "Why are property taxes going up again?",
            "What is the reason for this year's property tax increase?",
        ),
        ("Why did water rates go up?", "Why is my water bill rising every year?"),
        (
            "Why is trash pickup moving to every other week?",
            "Will biweekly garbage collection really start in July?",
        ),
        (
            "Will the city build more affordable housing?",
            "What is the plan for rents that keep rising?",
        ),
        (
            "Will teachers get a raise this year?",
            "Why are teachers here paid less than next door?",
        ),
    ),
    spam=(
        "Make ${number}00 a day from home! DM @cash{house}",
        "Buy followers at likes{house}.example.com",
        "Best roofing deals, call 555-{house}",
        "{gibberish}",
    ),
    abuse=("You are all corrupt idiots", "this is bulls**t", "f*** this council"),
    offtopic=("Thank you for all you do!", "Hello from {town}!", "Go Tigers!"),
    emoji=("🙏", "😡", "😢", "👍", "📈", "🕳️", "🚌"),
)

PHRASEBOOKS = {book.language: book for book in (RUSSIAN, ENGLISH)}
