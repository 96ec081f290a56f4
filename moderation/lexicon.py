"""Hand-built word lists: function words, greetings, civic concepts and topics.

Russian entries are lemmas as pymorphy3 gives them (``ё`` written as ``е``);
English entries are plain words, stemmed when the lists are loaded, so that
"potholes" and "pothole" meet. A concept joins words that the host would answer
with one answer ("яма", "асфальт", "pothole" all mean the state of a road), so a
paraphrase with few words in common still shares its concepts.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


RUSSIAN_STOPWORDS = words(
    """
    а без более бы быть в ваш вам вас весь во вот вообще вы где да даже для до
    другой его ее если есть еще же за здесь и из или им их к каждый как какой
    когда кто ли либо лишь мой мочь мы на над надо наш не него нет ни но ну о об
    один он она они оно от очень по под после почему при про раз с сам самый свой
    себя сейчас сказать так также такой там то тогда тоже только тот тут у уже
    хотеть хотеться что чтобы чей это этот я ведь именно вопрос просить подсказать
    пожалуйста уважаемый здравствуйте спасибо ответить ответ зачем сколько куда
    откуда который сделать делать стать являться иметь будто бывать вся всё нужно
    можно нельзя ль ка де мол пусть давать дать хотя однако потому поэтому чем
    ещё затем вдруг тем нибудь либо кое какой-то что-то когда-то почему-то
    планироваться собираться начать начинать появиться когда-нибудь мера
    данный ряд пора сей оный всякий иной нами нас нам вами тебя ты твой №
    здравствовать здраствовать приветствовать
    """
)

ENGLISH_STOPWORDS = words(
    """
    a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during
    each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself
    yourselves also please thank thanks question ask asking wonder wondering know
    let get got us anything something anyone someone going go gonna want wanted
    like really still even much many any every mayor council councilman
    councilwoman councillor governor sir madam hello hi dear regards sincerely
    best hey ever yet already since though although whether
    """
)

# Words every question to an official uses, whatever it is about.
CIVIC_FILLER = words(
    """
    проблема вопрос ситуация решить решать решение принять принимать мера
    администрация власть власти чиновник город городской житель жительница
    наш нами людей человек люди сделать делать планироваться планировать план
    собираться ждать когда-нибудь вообще сколько можно объяснить объясните
    пожалуйста подсказать сказать узнать интересовать хотеть спросить
    city town resident residents problem problems issue issues plan plans
    planning anything something done happen happening going doing council
    mayor explain anyone people folks thing things
    """
)

INTERROGATIVES = words(
    """
    когда почему зачем как где куда откуда сколько какой каков кто что ли
    планироваться возможно можно будет ли разве неужели
    when why how where what which who whom whose will would can could should
    is are do does did shall may might
    """
)

# Words that open a greeting sentence; the sentence is dropped when short.
GREETING_OPENERS = (
    "здравствуйте",
    "здраствуйте",
    "здрасте",
    "добрый день",
    "добрый вечер",
    "доброе утро",
    "добрый",
    "доброго",
    "доброй ночи",
    "приветствую",
    "привет",
    "уважаемый",
    "уважаемая",
    "уважаемые",
    "дорогой",
    "hello",
    "hi",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "greetings",
    "dear",
)

# Words that open a closing sentence carrying no question.
SIGNOFF_OPENERS = (
    "с уважением",
    "заранее спасибо",
    "заранее благодарю",
    "спасибо",
    "благодарю",
    "всего доброго",
    "всего хорошего",
    "с надеждой",
    "жду ответа",
    "надеюсь на ответ",
    "thank you",
    "thanks",
    "regards",
    "best regards",
    "kind regards",
    "sincerely",
    "best",
    "cheers",
    "respectfully",
)

# Lemmas that open a signature naming who writes rather than what is asked
# ("Собственники дома по ул. Кедровая, 11", "Семья Бойко", "Residents of Elm
# Court"): an address there says who the senders are, not where the question is.
SIGNER_LEMMAS = words(
    """
    житель жительница жилец собственник семья пенсионер пенсионерка родитель
    мама мать многодетный ветеран инвалид инициативный коллектив
    resid tenant owner famili parent homeown
    """
)
# Besides names and numbers, the words such a signature goes on with: an
# address, a count of people.
SIGNATURE_LEMMAS = words(
    """
    дом д подъезд квартира кв улица ул микрорайон мкр массив человек ребёнок
    ребенок боец участник
    build apart apt street court
    """
)

# Lemmas of thanks and praise; a message made only of them asks nothing.
COURTESY_LEMMAS = words(
    """
    спасибо благодарить благодарность огромный большой молодец работа труд
    здоровье успех удача желать пожелать поздравлять поздравить праздник
    хороший отличный замечательный прекрасный лучший весь губернатор команда
    ваш вы за уважение уважаемый очень сила терпение дело продолжать так держать
    добрый день вечер утро привет здравствуйте здраствуйте приветствовать
    thank thanks great good job work keep up wonderful amazing best wish happy
    holiday love appreciate appreciation hello hi congratulations support
    """
)


@dataclass(frozen=True, slots=True)
class Concept:
    """A civic notion that several words in both languages point to.

    ``institution`` names a kind of building whose number identifies it
    ("школа №5"); ``local`` means a question about it is answered town by town;
    ``regional`` means the answer is the same for the whole region (a pension
    raise), so the sender's town is incidental. An ``action`` (raise, repair,
    build) says what is asked about a subject, and weighs less than the subject.
    An ``audience`` (children, families, young people) says whom a question is
    for, which tells little of its topic: a children's clinic is health, child
    benefits are social support; it weighs less when a topic is chosen.
    """

    key: str
    topic: str
    russian: tuple[str, ...]
    english: tuple[str, ...]
    local: bool = False
    regional: bool = False
    institution: bool = False
    action: bool = False
    audience: bool = False


def _concept(
    key: str,
    topic: str,
    russian: str,
    english: str,
    *,
    local: bool = False,
    regional: bool = False,
    institution: bool = False,
    action: bool = False,
    audience: bool = False,
) -> Concept:
    return Concept(
        key,
        topic,
        tuple(russian.split()),
        tuple(english.split()),
        local,
        regional,
        institution,
        action,
        audience,
    )


HEALTH = "health"
EDUCATION = "education"
HOUSING = "housing"
TRANSPORT = "transport"
SOCIAL = "social"
ECOLOGY = "ecology"
ECONOMY = "economy"
CULTURE = "culture"
SAFETY = "safety"
OTHER = "other"

# A concept word must mean the concept in nearly every question it occurs in:
# everyday words used mostly in another sense ("stop", "wait", "a lot",
# "program", "rate", "river") are left out, or every question using them
# would lean towards the concept.
CONCEPTS: tuple[Concept, ...] = (
    _concept(
        "road",
        TRANSPORT,
        "дорога асфальт яма ямочный выбоина колея колдобина дорожный асфальтирование "
        "асфальтировать покрытие трасса проезжий грунтовка грунтовый разбитый "
        "ухаб обочина щебень отсыпка гравийка бетонка дорожник проезжая ямка "
        "автодорога",
        "road roads pothole potholes asphalt pavement paving resurface resurfacing "
        "highway roadway repave repaving repaved crater craters "
        "bumpy potholed unpaved gravel shoulder washboard cracked crumbling "
        "tarmac blacktop sinkhole sinkholes patch patched patching",
        local=True,
    ),
    _concept(
        "sidewalk",
        TRANSPORT,
        "тротуар пешеходный пешеход тротуарный плитка",
        "sidewalk sidewalks footpath pedestrian pedestrians walkway curb curbs slabs "
        "walkable walkability",
        local=True,
    ),
    _concept(
        "bus",
        TRANSPORT,
        "автобус маршрут маршрутка остановка общественный перевозчик "
        "интервал "
        "автобусный троллейбус трамвай маршрутный пассажирский транспорт",
        "bus buses route transit commute shuttle "
        "ridership routes busline "
        "frequency frequent trips trip headway headways "
        "timetable timetables metro subway paratransit rider riders",
        local=True,
    ),
    # What a ride costs, and who rides free, is not how often the bus runs.
    _concept(
        "fare",
        TRANSPORT,
        "проезд проездной",
        "fare fares farebox",
    ),
    _concept(
        "crossing",
        TRANSPORT,
        "светофор переход зебра перекресток",
        "crosswalk intersection traffic signal stoplight "
        "crosswalks signals stoplights stop-sign four-way",
        local=True,
    ),
    _concept(
        "parking",
        TRANSPORT,
        "парковка стоянка парковочный",
        "parking garage meter meters towing towed tow",
        local=True,
    ),
    _concept(
        "bridge",
        TRANSPORT,
        "мост переправа паром понтонный зимник ледовый лед автозимник паромный",
        "bridge ferry overpass",
        local=True,
    ),
    _concept(
        "flight",
        TRANSPORT,
        "аэропорт авиабилет авиарейс рейс самолет авиасообщение авиакомпания "
        "вертолет авиаперелет перелет лететь билет "
        "авиа авиакасса авиаперевозка",
        "airport flight flights airline plane flights airfare",
        local=True,
    ),
    _concept(
        "train",
        TRANSPORT,
        "поезд электричка вокзал железнодорожный жд рельс",
        "train trains rail railway station freight locomotive tracks "
        "railroad railroads railyard "
        # Light rail goes by many names: one project, one question.
        "lrt streetcar streetcars tram trams trolley light-rail",
        local=True,
    ),
    _concept(
        "school",
        EDUCATION,
        "школа сош гимназия лицей школьный учитель педагог ученик школьник "
        "одиннадцатиклассник первоклассник класс учить преподаватель "
        "урок учебный третьеклассник младшеклассник",
        "school schools teacher teachers classroom classrooms student students "
        "pupil pupils educator educators elementary teen teens teenager teenagers "
        "schoolers overcrowded overcrowding portable portables "
        "highschool gradeschool "
        "principal curriculum classes superintendent",
        local=True,
        institution=True,
    ),
    _concept(
        "kindergarten",
        EDUCATION,
        "детсад садик сад ясли дошкольный доу воспитатель дошкольник "
        "детсадовский садиковый "
        "присмотр",
        "kindergarten daycare preschool nursery childcare pre-k prek "
        "day-care child-care preschools",
        local=True,
        institution=True,
    ),
    _concept(
        "exam",
        EDUCATION,
        "егэ огэ экзамен выпускник аттестат",
        "exam exams graduation diploma",
        regional=True,
    ),
    _concept(
        "college",
        EDUCATION,
        "колледж техникум университет вуз студент бюджетный",
        "college university tuition campus",
        institution=True,
    ),
    _concept(
        "hospital",
        HEALTH,
        "больница стационар роддом госпиталь паллиативный реанимация палата койка",
        "hospital hospitals icu",
        local=True,
        institution=True,
    ),
    _concept(
        "clinic",
        HEALTH,
        "поликлиника амбулатория фап медпункт медцентр больничка "
        "фельдшерско-акушерский",
        "clinic clinics walk-in",
        local=True,
        institution=True,
    ),
    _concept(
        "doctor",
        HEALTH,
        "врач доктор терапевт педиатр специалист медик фельдшер хирург стоматолог "
        "окулист офтальмолог отоларинголог невролог кардиолог онколог узкий "
        "медперсонал медсестра "
        "эндокринолог лор гинеколог кадр "
        "педиатрия стоматология стоматологический зубной врачебный "
        "эндокринология щитовидка гормон",
        "doctor doctors physician physicians nurse nurses specialist specialists "
        "pediatrician dentist "
        "gp dentists",
        local=True,
    ),
    _concept(
        "appointment",
        HEALTH,
        "запись талон записаться прием очередь регистратура номерок",
        "appointment appointments waitlist queue",
    ),
    _concept(
        "medicine",
        HEALTH,
        "лекарство препарат аптека медикамент рецепт инсулин тест-полоска",
        "medicine medicines drug drugs prescription prescriptions pharmacy",
    ),
    _concept(
        "ambulance",
        HEALTH,
        "скорая неотложка бригада вызов скорая скорой скорую неотложный",
        "ambulance ambulances emergency paramedic ems 911 paramedics",
        local=True,
    ),
    _concept(
        "pension",
        SOCIAL,
        "пенсия пенсионер пенсионный пенсионерка старость",
        "pension pensions retiree retirees retirement senior seniors "
        "retired pensioner pensioners "
        "elderly",
        regional=True,
    ),
    _concept(
        "raise",
        ECONOMY,
        "индексация индексировать проиндексировать повышение повысить прибавка "
        "увеличение увеличить рост инфляция пересчитать пересчитывать перерасчет "
        "пересчет прибавить добавить "
        "повышаться повыситься расти вырасти поднять поднимать",
        "raise raises increase increases indexation hike inflation "
        "rise rising risen climb climbing jump jumped soar soaring skyrocket "
        "skyrocketing doubled hiked raising",
        action=True,
    ),
    _concept(
        "salary",
        ECONOMY,
        "зарплата заработный оклад жалование бюджетник зарплатный получка северный",
        "salary salaries wage wages paycheck pay payroll underpaid",
        regional=True,
    ),
    _concept(
        "tax",
        ECONOMY,
        "налог налоговый ндфл налогообложение",
        "tax taxes taxation levy taxpayer taxpayers revenue millage owe owed levies",
        regional=True,
    ),
    _concept(
        "benefit",
        SOCIAL,
        "пособие выплата льгота компенсация субсидия материнский маткапитал "
        "капитал соцподдержка доплата надбавка "
        "единовременный субсидировать субсидированный субсидируемый "
        "субсидирование",
        "benefit benefits allowance subsidy subsidies stipend compensation "
        "assistance voucher vouchers aid",
        regional=True,
    ),
    _concept(
        "family",
        SOCIAL,
        "многодетный семья малоимущий",
        "family families",
        regional=True,
        audience=True,
    ),
    _concept(
        "disability",
        SOCIAL,
        "инвалид инвалидность колясочник пандус ограниченный коляска тср ипра",
        "disabled disability disabilities wheelchair ramp accessibility accessible",
    ),
    _concept(
        "veteran",
        SOCIAL,
        "ветеран сво участник мобилизованный боевой",
        "veteran veterans",
        regional=True,
    ),
    _concept(
        "tariff",
        HOUSING,
        "тариф квартплата коммунальный коммуналка жкх квитанция платеж начисление "
        "платежка жку электроэнергия электричество свет "
        "тарифный",
        "utility utilities bill bills tariff rates ratepayer charge charges billing",
        regional=True,
    ),
    _concept(
        "heating",
        HOUSING,
        "отопление батарея тепло теплоснабжение теплотрасса холодно котельная "
        "обогреватель теплоснабжающий мерзнуть холод отопительный "
        "радиатор отопить греть",
        "heating heat radiator radiators furnace boiler heater heaters freezing",
        local=True,
    ),
    _concept(
        "water",
        HOUSING,
        "вода водоснабжение водопровод канализация водоотведение питьевой "
        "водоочистный водоочистка фильтр "
        "кран ржавый "
        "очистной очистка профилактика опрессовка",
        "water sewer sewage plumbing drinking tap pipes faucet "
        "wastewater hydrant hydrants watermain leak leaks leaking boil "
        # Lead as in lead service lines: residents name the metal, not the pipe.
        "lead",
        local=True,
    ),
    _concept(
        "garbage",
        HOUSING,
        "мусор вывоз свалка отход контейнер тко мусоропровод мусорный полигон "
        "мусорка бак регоператор помойка "
        "мусорить мусоросортировка мусоросортировочный",
        "garbage trash waste landfill recycling dumpster litter pickup bins bin "
        "rubbish refuse collection cans "
        "sanitation",
        local=True,
    ),
    _concept(
        "housing",
        HOUSING,
        "жилье квартира жилищный аварийный ветхий расселение переселение "
        "расселить расселять переселить переселять балок балка вагончик общежитие "
        "капремонт многоквартирный "
        "жилой жилплощадь "
        "двухэтажка деревяшка барак капитальный",
        "housing apartment apartments rent rental affordable eviction homeless "
        "shelter tenant tenants landlord "
        "renter renters lease leases "
        "landlords evictions evicted rents",
        local=True,
    ),
    _concept(
        "mortgage",
        HOUSING,
        "ипотека ипотечный",
        "mortgage mortgages",
        regional=True,
    ),
    _concept(
        "yard",
        HOUSING,
        "двор дворовый благоустройство площадка скамейка освещение фонарь "
        "озеленение сквер "
        "качели горка "
        "придомовый",
        "playground streetlight streetlights lighting bench benches swings "
        "streetlamp streetlamps lamppost lampposts lamp lamps",
        local=True,
    ),
    _concept(
        "snow",
        HOUSING,
        "снег сосулька гололед наледь сугроб уборка расчистка "
        "снегопад занос снегоуборка",
        "snow plow plowing ice icy salting plowed snowstorm snowstorms "
        "snowplow snowplows shovel snowfall "
        "snowed blizzard sleet slush grit gritting gritted sanding salted unplowed "
        "snowbank snowbanks deicing de-icing",
        local=True,
    ),
    _concept(
        "gas",
        HOUSING,
        "газ газификация догазификация газопровод газовый газовик",
        "gas pipeline",
        local=True,
    ),
    _concept(
        "internet",
        ECONOMY,
        "интернет связь вышка мобильный сотовый оптоволокно",
        "internet broadband wifi cell coverage fiber dsl provider providers isp "
        "4g lte 5g "
        "reception cellphone "
        "mbps "
        "connectivity high-speed "
        "wi-fi",
        local=True,
    ),
    _concept(
        "animals",
        SAFETY,
        "собака бродячий безнадзорный животное стая приют пес псина",
        "dog dogs stray animal animals coyote coyotes "
        "leash leashes off-leash unleashed barking bite bites",
        local=True,
    ),
    _concept(
        "sport",
        CULTURE,
        "спорт спортивный стадион секция тренер "
        "физкультура корт "
        "спортплощадка футбольный",
        "sport sports stadium field fields athletic recreation arena rec",
        local=True,
    ),
    # A sports centre's pool, gym and rink close and open apart: each is its
    # own facility, as a school and a kindergarten are.
    _concept(
        "pool",
        CULTURE,
        "бассейн плавание",
        "pool pools swim swimming",
        local=True,
        institution=True,
    ),
    _concept(
        "gym",
        CULTURE,
        "спортзал тренажерный",
        "gym gyms gymnasium",
        local=True,
        institution=True,
    ),
    _concept(
        "rink",
        CULTURE,
        "каток хоккейный",
        "rink rinks skating",
        local=True,
        institution=True,
    ),
    _concept(
        "culture",
        CULTURE,
        "культура театр музей библиотека концерт кинотеатр клуб выставка фестиваль",
        "library libraries museum theater theatre concert festival arts branch "
        "librarian librarians",
        local=True,
    ),
    _concept(
        "park",
        ECOLOGY,
        "парк лесопарк набережная аллея парковый",
        "park parks trail trails greenway parkland picnic",
        local=True,
    ),
    _concept(
        "pollution",
        ECOLOGY,
        "экология экологический выброс загрязнение воздух дым запах смог "
        "нефтяной разлив факел гарь нефть мазут "
        "вонь вонять "
        "дымка едкий пятно загрязнить",
        "pollution emissions air smoke smell smog spill environmental environment "
        "stink odor odors fumes "
        "polluted",
    ),
    _concept(
        "forest",
        ECOLOGY,
        "лес вырубка лесной дерево озеро река протока рыба рыбалка "
        "ловить лов улов рыболовство рыбак",
        "forest trees tree logging lake fishing fish",
    ),
    _concept(
        "jobs",
        ECONOMY,
        "работа трудоустройство вакансия безработица работодатель безработный "
        "занятость биржа",
        "job jobs employment unemployment hiring unemployed workforce "
        "hire hired hires position positions internship internships "
        "apprenticeship apprenticeships",
    ),
    _concept(
        "business",
        ECONOMY,
        "бизнес предприниматель предпринимательство малый ип самозанятый",
        "business businesses entrepreneur entrepreneurs",
    ),
    _concept(
        "prices",
        ECONOMY,
        "цена стоимость подорожание дорого дорогой дороговизна дорожать подорожать",
        "price prices cost costs expensive affordability",
        regional=True,
    ),
    _concept(
        "policy",
        OTHER,
        "плата платить оплата норматив программа закон порядок расчет "
        "субсидированный льготный федеральный округ югра хмао регион региональный "
        "окружной госпрограмма взнос сертификат север северянин референдум",
        "citywide city-wide policy ordinance fee fees budget referendum "
        "referendums ballot plebiscite",
        regional=True,
        action=True,
    ),
    _concept(
        "police",
        SAFETY,
        "полиция полицейский преступность участковый кража драка наркотик "
        "хулиган безопасность "
        "правопорядок",
        "police officer officers crime crimes theft safety patrol drugs burglary "
        "burglaries break-ins vandalism graffiti shooting shootings "
        "cops "
        "policing sheriff deputies robbery robberies stolen thefts assault violence "
        "gang gangs",
        local=True,
    ),
    _concept(
        "fire",
        SAFETY,
        "пожар пожарный пожарная",
        "fire fires firefighter firefighters",
        local=True,
    ),
    _concept(
        "building",
        OTHER,
        "строительство строить построить стройка возвести возведение",
        "build building construct construction",
        action=True,
    ),
    _concept(
        "repair",
        OTHER,
        "ремонт отремонтировать ремонтировать починить чинить восстановить",
        "repair repairs fix fixed fixing renovate renovation maintenance",
        action=True,
    ),
    _concept(
        "speeding",
        TRANSPORT,
        "скорость скоростной лихач гонка гонять превышение лежачий гонщик",
        "speed speeding speeders racetrack racing calming humps bumps speeders "
        "speedbump speedbumps hump shortcut cut-through reckless",
        local=True,
    ),
    _concept(
        "traffic",
        TRANSPORT,
        "пробка затор движение",
        "traffic congestion gridlock commute",
    ),
    _concept(
        "cycling",
        TRANSPORT,
        "велосипед велодорожка велосипедист самокат электросамокат",
        "bike bikes bicycle cycling cyclist cyclists scooter scooters e-scooters",
        local=True,
    ),
    _concept(
        "flooding",
        ECOLOGY,
        "подтопление затопление паводок ливневка ливневой наводнение лужа затопить",
        "flood flooding flooded stormwater drainage drain drains basement basements "
        "floods "
        "culvert culverts sump rain rains rainfall downpour downpours",
        local=True,
    ),
    _concept(
        "homeless",
        SOCIAL,
        "бездомный бомж ночлежка",
        "homeless homelessness encampment encampments tents unhoused shelter "
        "camp camps panhandling panhandlers shelters",
    ),
    _concept(
        "noise",
        SAFETY,
        "шум шумный тишина громкий",
        "noise noisy loud horn horns honking quiet honk",
        local=True,
    ),
    _concept(
        "permits",
        ECONOMY,
        "разрешение справка документ госуслуга оформление",
        "permit permits permitting backlog inspection inspections license",
    ),
    _concept(
        "zoning",
        HOUSING,
        "застройка земельный участок земля высотка этажность застройщик",
        "zoning rezoning rezone development developer warehouse distribution "
        "subdivision variance height storey storeys skyscraper tower towers "
        "high-rise highrise condo condos",
        local=True,
    ),
    _concept(
        "rentals",
        HOUSING,
        "аренда арендный посуточный",
        "airbnb short-term rentals vrbo",
    ),
    _concept(
        "property",
        ECONOMY,
        "имущество кадастровый недвижимость",
        "property homeowner homeowners assessment assessed escrow "
        "reassessment appraisal appraised valuation homestead",
        regional=True,
    ),
    _concept(
        "power",
        HOUSING,
        "отключение электроснабжение электричество электроэнергия свет "
        "электросеть подстанция "
        "электрический",
        "power outage outages electricity electric blackout blackouts grid outage",
        local=True,
    ),
    _concept(
        "addiction",
        HEALTH,
        "наркомания алкоголизм зависимость психиатр психолог",
        "overdose overdoses opioid opioids addiction fentanyl mental",
    ),
    _concept(
        "diagnostics",
        HEALTH,
        "мрт кт узи обследование анализ диагностика диспансеризация маммография",
        "mri scan scans screening screenings tests",
    ),
    _concept(
        "ivf",
        HEALTH,
        "эко бесплодие экстракорпоральный",
        "ivf infertility fertility",
    ),
    _concept(
        "children",
        EDUCATION,
        "ребенок дети детский",
        "child children kid kids",
        audience=True,
    ),
    _concept(
        "vaccination",
        HEALTH,
        "прививка вакцинация вакцина клещ клещевой энцефалит привиться",
        "vaccine vaccines vaccination vaccinations flu tick ticks",
    ),
    _concept(
        "cemetery",
        OTHER,
        "кладбище погост захоронение",
        "cemetery cemeteries graveyard burial",
        local=True,
    ),
    _concept(
        "youth",
        CULTURE,
        "молодежь молодежный подросток подростковый юноша",
        "youth adolescent adolescents",
        audience=True,
    ),
    # "Vote" and "голосование" are left out: a council votes on a budget and
    # residents vote for the park to improve, which says nothing of the subject.
    _concept(
        "elections",
        OTHER,
        "выборы избирательный бюллетень",
        "election elections ballot ballots",
        regional=True,
    ),
    _concept(
        "migration",
        SOCIAL,
        "мигрант миграция миграционный приезжий",
        "immigrant immigrants immigration migrant migrants refugee refugees",
    ),
    _concept(
        "charging",
        TRANSPORT,
        "электромобиль электрозаправка зарядка",
        "charger chargers charging ev evs",
        local=True,
    ),
    _concept(
        "post",
        OTHER,
        "почта почтовый почтальон посылка",
        "mail mailbox postal parcel parcels",
        local=True,
    ),
    _concept(
        "meals",
        EDUCATION,
        "питание столовая обед завтрак буфет",
        "meal meals lunch lunches cafeteria breakfast breakfasts",
    ),
)

# Groups whose question about a subject has its own answer: the indexation of
# pensions was suspended for working pensioners alone, so "когда
# проиндексируют пенсии работающим?" is not "когда проиндексируют пенсии?".
# Each entry: the subject's concept key, the group's name, and the word forms
# that name the group (present tense and participles: a husband who "worked"
# on a rig does not make his widow's pension question a working pensioner's).
GROUP_QUALIFIERS: tuple[tuple[str, str, str], ...] = (
    (
        "pension",
        "working",
        r"работа(?:ю|ет|ем|ете|ют|ть|ющ\w*)|тружу|труди(?:шься|тся|ться)"
        r"|трудя(?:тся|щ\w*)|трудоустроен\w*",
    ),
    # Paying pensioners' fare to their holiday and back is a programme of the
    # North of its own, apart from the size of the pension.
    (
        "pension",
        "travel",
        r"проезд\w*|отдых\w*|отпуск\w*|поездк\w*|перелет\w*|билет\w*|дорогу",
    ),
    # Money instead of the promised land plot is a programme apart from the
    # queue for plots.
    (
        "zoning",
        "cash",
        r"выплат\w*|денежн\w*|деньг\w*|деньгам\w*|компенсац\w*|рубл\w*|сертификат\w*",
    ),
    # Hot water comes from the heating network and its operator, cold water
    # from the water utility: "когда дадут горячую воду?" is not a question
    # about rusty water or pressure.
    ("water", "hot", r"горяч\w*|гвс|горячк\w*|hot"),
    # The waste-collection fee is set for the regional operator, apart from
    # the tariffs for heat, water and power.
    ("tariff", "garbage", r"мусор\w*|тко|отход\w*|garbage|trash|waste"),
    # A bus that does not run at the weekend is a question apart from how
    # often it runs on weekdays.
    (
        "bus",
        "weekend",
        r"sundays?|saturdays?|weekends?|выходн\w*|воскресень\w*|воскресн\w*|суббот\w*",
    ),
    # Tax relief for seniors (a freeze, an exemption) is a programme of its
    # own: "will the senior tax freeze be extended?" is not "will taxes go down?".
    (
        "tax",
        "senior",
        r"seniors?|elderly|retirees?|pensioners?|пенсионер\w*",
    ),
)

# Doctors' specialties, in questions about doctors: a missing eye doctor and a
# missing ENT doctor are two questions, as each is hired and answered for on
# its own; a question naming no specialty, or several, may be either.
SPECIALTIES: tuple[tuple[str, str], ...] = (
    ("eye", r"офтальмолог\w*|окулист\w*|глазн\w*|ophthalmologists?|eye"),
    ("ent", r"лор\w*(?:-\w+)?|отоларинголог\w*|ухо-горло-нос|ent"),
    ("dentist", r"стоматолог\w*|зубн\w*|dentists?|dental"),
    ("paediatrician", r"педиатр\w*|pa?ediatricians?"),
    ("gynaecologist", r"гинеколог\w*|gyn(?:a)?ecologists?"),
    ("cardiologist", r"кардиолог\w*|cardiologists?"),
    ("neurologist", r"невролог\w*|невропатолог\w*|neurologists?"),
    ("endocrinologist", r"эндокринолог\w*|endocrinologists?"),
    ("surgeon", r"хирург\w*|surgeons?"),
    ("psychiatrist", r"психиатр\w*|psychiatrists?"),
    ("oncologist", r"онколог\w*|oncologists?"),
)

# Topic keys in a fixed order (the default event list follows it) with the
# names and extra lemmas an event's own topic list is matched against.
TOPIC_NAMES: dict[str, tuple[str, ...]] = {
    HEALTH: ("здравоохранение", "health", "медицина", "healthcare"),
    EDUCATION: ("образование", "education", "школа"),
    HOUSING: ("жкх", "housing", "utilities", "жилье", "коммунальный"),
    TRANSPORT: ("транспорт", "дорога", "transport", "roads", "transportation"),
    SOCIAL: ("социальный", "соцзащита", "social", "welfare", "защита"),
    ECOLOGY: ("экология", "environment", "ecology"),
    ECONOMY: ("экономика", "работа", "economy", "jobs", "business"),
    CULTURE: ("культура", "спорт", "culture", "sport", "sports", "recreation"),
    SAFETY: ("безопасность", "safety", "security", "police"),
    OTHER: ("другое", "other", "прочее", "misc"),
}

DEFAULT_TOPICS: tuple[str, ...] = (
    "здравоохранение",
    "образование",
    "ЖКХ",
    "транспорт и дороги",
    "социальная защита",
    "экология",
    "экономика и работа",
    "культура и спорт",
    "безопасность",
    "другое",
)

# Extra topic words that are not concepts of their own.
TOPIC_WORDS: dict[str, str] = {
    "медицинский": HEALTH,
    "медицина": HEALTH,
    "лечение": HEALTH,
    "здравоохранение": HEALTH,
    "пациент": HEALTH,
    "health": HEALTH,
    "образование": EDUCATION,
    "обучение": EDUCATION,
    "кружок": EDUCATION,
    "education": EDUCATION,
    "дом": HOUSING,
    "подъезд": HOUSING,
    "крыша": HOUSING,
    "лифт": HOUSING,
    "управляющий": HOUSING,
    "ук": HOUSING,
    "транспорт": TRANSPORT,
    "такси": TRANSPORT,
    "social": SOCIAL,
    "соцзащита": SOCIAL,
    "экономика": ECONOMY,
    "economy": ECONOMY,
    "зарплата": ECONOMY,
    "молодежь": CULTURE,
    "безопасность": SAFETY,
}
