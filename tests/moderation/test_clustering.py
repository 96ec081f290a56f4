"""The hard cases of clustering, each as one small stream."""

from __future__ import annotations

import pytest

from moderation import Engine, EngineConfig


def test_same_road_in_two_towns_makes_two_clusters(engine: Engine) -> None:
    surgut = engine.add(
        "1", "Когда отремонтируют дорогу на улице Ленина?", municipality="Сургут"
    )
    nyagan = engine.add(
        "2", "Когда отремонтируют дорогу на улице Ленина?", municipality="Нягань"
    )
    assert surgut.cluster != nyagan.cluster
    assert nyagan.duplicate_of is None


def test_town_named_in_the_text_wins_over_the_sender_field(engine: Engine) -> None:
    first = engine.add("1", "Когда починят дорогу на Ленина в Сургуте?")
    second = engine.add(
        "2", "Когда починят дорогу на Ленина в Сургуте?", municipality="Нягань"
    )
    assert first.cluster == second.cluster


def test_region_wide_question_from_many_towns_is_one_cluster(engine: Engine) -> None:
    towns = ["Сургут", "Нягань", "Мегион", "Урай", "Когалым", "Лангепас"]
    texts = [
        "Когда будет индексация пенсий?",
        "Когда проиндексируют пенсии в этом году?",
        "Будет ли индексация пенсий?",
        "Пенсии когда индексация",
        "Когда повысят пенсии?",
        "Индексация пенсий когда будет?",
    ]
    clusters = {
        engine.add(str(i), text, municipality=town).cluster
        for i, (text, town) in enumerate(zip(texts, towns, strict=True))
    }
    assert len(clusters) == 1


def test_school_five_and_school_six_stay_apart(engine: Engine) -> None:
    five = engine.add(
        "1", "Когда отремонтируют спортзал в школе №5?", municipality="Мегион"
    )
    six = engine.add(
        "2", "Когда отремонтируют спортзал в школе №6?", municipality="Мегион"
    )
    assert five.cluster != six.cluster


def test_kindergarten_and_school_stay_apart(engine: Engine) -> None:
    school = engine.add("1", "Когда починят крышу в школе?", municipality="Мегион")
    garden = engine.add(
        "2", "Когда починят крышу в детском саду?", municipality="Мегион"
    )
    assert school.cluster != garden.cluster


def test_a_neighbourhood_named_is_told_from_another_senders_neighbourhood(
    engine: Engine,
) -> None:
    # Neighbourhoods of a city are no places the engine knows: a sender's
    # field only counts against a place a question names, either way round.
    riverside = engine.add(
        "1",
        "Is there a plan to stop the flooding in Riverside?",
        municipality="Riverside",
    )
    eastfield = engine.add(
        "2",
        "What is the plan to stop the flooding every time it rains?",
        municipality="Eastfield",
    )
    named = engine.add(
        "3",
        "Is there a plan to stop the flooding in Eastfield?",
        municipality="Hillcrest",
    )
    assert riverside.cluster != eastfield.cluster == named.cluster


def test_one_street_asked_about_from_several_neighbourhoods_is_one_question(
    engine: Engine,
) -> None:
    asked = [
        ("When will the potholes on Main Street be fixed?", "Old Town"),
        (
            "Main Street in Hillcrest is all potholes, when will it be fixed?",
            "Hillcrest",
        ),
        ("When will the potholes on Main Street be repaired?", "Westgate"),
    ]
    clusters = {
        engine.add(str(n), text, municipality=field).cluster
        for n, (text, field) in enumerate(asked)
    }
    assert len(clusters) == 1


def test_copies_from_several_neighbourhoods_are_duplicates(engine: Engine) -> None:
    text = "What is the plan to stop the flooding every time it rains?"
    first = engine.add("1", text, municipality="Riverside")
    copy = engine.add("2", text, municipality="Eastfield")
    assert copy.duplicate_of == "1"
    assert first.cluster == copy.cluster


def test_a_pool_and_a_gym_of_one_sports_centre_stay_apart(engine: Engine) -> None:
    pool = engine.add(
        "1", "Why is the pool at Eastfield Rec Center closing this summer?"
    )
    swim = engine.add(
        "2",
        "Will the Eastfield Rec Center pool really be closed for swimming all summer?",
    )
    gym = engine.add("3", "Why is the gym at Eastfield Rec Center closing this summer?")
    assert pool.cluster == swim.cluster != gym.cluster
    basin = engine.add(
        "4", "Почему закрыли бассейн в спорткомплексе Олимп?", municipality="Покачи"
    )
    hall = engine.add(
        "5", "Почему закрыли спортзал в спорткомплексе Олимп?", municipality="Покачи"
    )
    assert basin.cluster != hall.cluster


def test_preferential_drugs_and_preferential_flights_stay_apart(
    engine: Engine,
) -> None:
    # "Льготный" says who pays less, not for what.
    drugs = engine.add("1", "Когда наладят выдачу льготных лекарств по рецептам?")
    engine.add("2", "Почему в аптеках нет льготных лекарств?")
    flights = engine.add("3", "Будут ли льготные авиабилеты на юг этим летом?")
    assert drugs.cluster == engine.assignment("2").cluster != flights.cluster


def test_the_road_between_two_towns_is_no_street_of_either(engine: Engine) -> None:
    street = engine.add(
        "1",
        "Когда отремонтируют дорогу на улице Ленина в Сургуте?",
        municipality="Сургут",
    )
    engine.add("2", "Когда починят дорогу на Ленина? Одни ямы.", municipality="Сургут")
    highway = engine.add(
        "3",
        "Когда расширят трассу Сургут – Когалым? Постоянно аварии.",
        municipality="Сургут",
    )
    between = engine.add(
        "4",
        "На дороге между Сургутом и Когалымом аварии, когда расширят?",
        municipality="Покачи",
    )
    assert street.cluster == engine.assignment("2").cluster != highway.cluster
    assert highway.cluster == between.cluster


def test_pensions_of_working_pensioners_are_a_question_apart(engine: Engine) -> None:
    everyone = engine.add("1", "Когда проиндексируют пенсии?", municipality="Урай")
    engine.add("2", "Будет ли в этом году индексация пенсий?", municipality="Сургут")
    working = engine.add(
        "3", "Когда проиндексируют пенсии работающим пенсионерам?", municipality="Урай"
    )
    engine.add(
        "4",
        "Я продолжаю трудиться после выхода на пенсию. Будет ли индексация пенсий?",
        municipality="Когалым",
    )
    # A husband who worked on a rig makes no working pensioner of his widow.
    widow = engine.add(
        "5",
        "Муж работал на буровой, его уже нет. Когда будет индексация пенсий?",
        municipality="Нефтеюганск",
    )
    # Nor does a pensioner who says she does not work.
    resting = engine.add(
        "6",
        "Насколько вырастет пенсия? Давно не работаю, живу только на неё.",
        municipality="Лангепас",
    )
    assert everyone.cluster == engine.assignment("2").cluster == widow.cluster
    assert resting.cluster == everyone.cluster
    assert working.cluster == engine.assignment("4").cluster != everyone.cluster


@pytest.mark.parametrize("shares", [EngineConfig().subject_shares, (0.0, 1.0)])
def test_another_subject_for_the_same_audience_is_another_question(
    make_engine,  # noqa: ANN001
    shares: tuple[float, float],
) -> None:
    engine = make_engine(config=EngineConfig(subject_shares=shares))
    land = engine.add("1", "Сколько ещё многодетным ждать участки под ИЖС?")
    engine.add("2", "Многодетные семьи годами ждут землю. Когда дадут участки?")
    travel = engine.add("3", "Будет ли бесплатный проезд в автобусах для многодетных?")
    assert land.cluster == engine.assignment("2").cluster
    kept_apart = shares == EngineConfig().subject_shares
    assert (travel.cluster != land.cluster) == kept_apart


@pytest.mark.parametrize(
    ("municipality", "everyone", "apart"),
    [
        # Tax relief for seniors is a programme of its own.
        (
            None,
            (
                "When will property taxes go down?",
                "Property taxes keep rising. When will they go down?",
            ),
            (
                "When will property taxes go down for seniors?",
                "Will the property tax freeze for seniors be extended?",
            ),
        ),
        # The waste fee is set apart from the tariffs for heat, water and power.
        (
            None,
            (
                "Почему опять выросли тарифы ЖКХ?",
                "Почему плата за коммунальные услуги снова выросла?",
            ),
            (
                "Почему выросли тарифы на вывоз мусора?",
                "Тариф на вывоз ТКО вырос почти на четверть. Почему?",
            ),
        ),
        # Pensioners' holiday fares are a programme apart from the pension.
        (
            "Сургут",
            (
                "Когда проиндексируют пенсии?",
                "Будет ли в этом году индексация пенсий?",
            ),
            (
                "Пенсионерам оплачивают проезд к месту отдыха раз в два года. Почему?",
                "Компенсацию дороги в отпуск пенсионерам сделают ежегодной?",
            ),
        ),
        # Money instead of a land plot is not the queue for plots.
        (
            None,
            (
                "Когда многодетным начнут выделять земельные участки?",
                "Многодетные стоят в очереди на землю по 8 лет. Когда дадут участки?",
            ),
            (
                "Можно ли многодетной семье вместо участка получить денежную выплату?",
                "Многодетным вместо земли дадут деньги? Когда это заработает?",
            ),
        ),
        # A bus missing at the weekend is not one that runs too rarely.
        (
            "Fenwick",
            (
                "Route 14 only runs every 45 minutes on weekdays. Can it run more?",
                "Can the wait between 14 buses be shortened Monday to Friday?",
            ),
            (
                "Route 14 doesn't run on Sundays at all. Can Sunday service be added?",
                "no 14 bus on sunday, how do we get to church",
            ),
        ),
        # Hot water comes from another network and operator than cold water.
        (
            "Радужный",
            (
                "Вода из-под крана ржавая, когда почистят?",
                "Из крана течёт ржавая вода с запахом. Когда будет чистая вода?",
            ),
            (
                "Когда дадут воду? Горячей воды нет третью неделю.",
                "Горячую воду отключили на месяц, когда включат?",
            ),
        ),
    ],
)
def test_a_group_or_service_apart_is_a_question_apart(
    engine: Engine,
    municipality: str | None,
    everyone: tuple[str, str],
    apart: tuple[str, str],
) -> None:
    texts = [*everyone, *apart]
    clusters = [
        engine.add(str(n), text, municipality=municipality).cluster
        for n, text in enumerate(texts)
    ]
    assert clusters[0] == clusters[1] != clusters[2] == clusters[3]


def test_a_road_out_of_the_region_is_no_street_of_its_town(engine: Engine) -> None:
    highway = engine.add("1", "Когда достроят дорогу Сургут – Салехард?")
    engine.add("2", "трасса сургут салехард когда доделают", municipality="Сургут")
    street = engine.add(
        "3", "Когда отремонтируют дорогу на улице Ленина?", municipality="Сургут"
    )
    assert highway.cluster == engine.assignment("2").cluster != street.cluster


def test_subsidised_flights_asked_from_four_towns_are_one_question(
    engine: Engine,
) -> None:
    # The subsidy is the region's programme, whatever town the sender flies from.
    asked = [
        ("Почему так мало субсидированных авиабилетов и будет ли их больше?", "Мегион"),
        ("субсидированые билеты опять закончились((( их сколько продают", "Пыть-Ях"),
        ("Когда увеличат число субсидируемых билетов на рейсы?", "Нягань"),
        ("Субсидированных билетов на самолёт не купить, добавьте!", "Радужный"),
    ]
    clusters = {
        engine.add(str(n), text, municipality=town).cluster
        for n, (text, town) in enumerate(asked)
    }
    assert len(clusters) == 1


def test_villages_the_gazetteer_does_not_know_stay_apart_in_a_regional_event(
    engine: Engine,
) -> None:
    # Senders mostly write the region's towns, so a field naming an unknown
    # village is a place of its own, not a neighbourhood of some city.
    engine.add("1", "Когда починят дорогу?", municipality="Сургут")
    engine.add("2", "Когда в Нягани отремонтируют больницу?", municipality="Нягань")
    asked = [
        ("Организуют ли подвоз школьников из нашего посёлка?", "Высокий"),
        ("подвоз детей в школу из посёлка нет!!! как ребёнку учиться", "Сентябрьский"),
        ("Будет ли школьный автобус для детей нашего посёлка?", "Высокий"),
    ]
    clusters = [
        engine.add(str(n), text, municipality=village).cluster
        for n, (text, village) in enumerate(asked, start=3)
    ]
    assert clusters[0] == clusters[2] != clusters[1]


def test_doctors_of_two_specialties_are_two_questions(engine: Engine) -> None:
    asked = [
        "Когда в больницу Покачей возьмут офтальмолога?",
        "Будет ли в Покачах принимать глазной врач? Записаться некуда.",
        "Когда в больницу Покачей возьмут отоларинголога?",
        "Будет ли в Покачах принимать лор? Записаться некуда.",
        # Naming no specialty, or two, a question may join either.
        "В больнице Покачей нет врачей, когда наберут?",
    ]
    clusters = [
        engine.add(str(n), text, municipality="Покачи").cluster
        for n, text in enumerate(asked)
    ]
    assert clusters[0] == clusters[1] != clusters[2] == clusters[3]
    assert clusters[4] in clusters[:4]


def test_an_address_in_a_campaign_signature_keeps_it_in_the_regional_question(
    engine: Engine,
) -> None:
    asked = [
        ("Почему с января опять подняли взнос на капитальный ремонт?", "Сургут"),
        ("Взнос на капремонт вырос, будут ли снижать?", "Нягань"),
        ("Почему растёт взнос на капремонт?", "Мегион"),
        (
            "Просим пересмотреть повышение минимального взноса на капремонт с 1"
            " января. Для пенсионеров это непосильно. Жители дома Кедровая 11,"
            " кв. 40",
            "Когалым",
        ),
    ]
    clusters = {
        engine.add(str(n), text, municipality=town).cluster
        for n, (text, town) in enumerate(asked)
    }
    # The same house in the question itself is a question about that house.
    roof = engine.add("roof", "Просим отремонтировать крышу дома Кедровая 11.")
    assert clusters == {"c1"} and roof.cluster != "c1"


def test_one_concern_in_other_words_from_one_village_is_one_question(
    make_engine,  # noqa: ANN001
) -> None:
    first = "Когда в посёлке отремонтируют дорогу?"
    second = "Ямы такие, что машину не проехать, весной вообще каша."
    engine = make_engine()
    a = engine.add("1", first, municipality="Урай")
    assert engine.add("2", second, municipality="Урай").cluster == a.cluster
    elsewhere = make_engine()
    elsewhere.add("1", first, municipality="Урай")
    assert elsewhere.add("2", second, municipality="Мегион").cluster == "c2"


def test_a_local_question_from_the_clusters_own_town_scores_a_bonus(
    engine: Engine,
) -> None:
    engine.add("1", "Когда в посёлке отремонтируют дорогу?", municipality="Урай")
    cluster = engine._store.clusters[0]
    bonus = engine.config.place_bonus
    assert bonus > 0
    assert engine._place_bonus(cluster, ("t:Урай",), is_local=True) == bonus
    assert engine._place_bonus(cluster, ("t:Мегион",), is_local=True) == 0.0
    assert engine._place_bonus(cluster, ("t:Урай",), is_local=False) == 0.0


def test_a_kindergarten_by_its_two_names_is_one_question(engine: Engine) -> None:
    # "Детский сад" and "садик" name the same building.
    formal = engine.add(
        "1", "Когда построят детский сад в 45 микрорайоне?", municipality="Сургут"
    )
    spoken = engine.add("2", "Садик в 45 мкр когда построят?", municipality="Сургут")
    school = engine.add(
        "3", "Когда построят школу в 45 микрорайоне?", municipality="Сургут"
    )
    assert formal.cluster == spoken.cluster != school.cluster


def test_bus_routes_twelve_and_twenty_one_stay_apart(engine: Engine) -> None:
    twelve = engine.add(
        "1", "Почему автобус 12 ходит так редко?", municipality="Сургут"
    )
    other = engine.add("2", "Почему автобус 21 ходит так редко?", municipality="Сургут")
    assert twelve.cluster != other.cluster


def test_paraphrase_with_few_shared_words_joins(engine: Engine) -> None:
    first = engine.add("1", "Когда проиндексируют пенсии?")
    second = engine.add("2", "Будет ли в этом году прибавка к пенсии?")
    assert first.cluster == second.cluster


def test_long_story_with_the_question_last_joins(engine: Engine) -> None:
    short = engine.add("1", "Когда будет индексация пенсий?", municipality="Сургут")
    story = engine.add(
        "2",
        "Я всю жизнь проработала на Севере, сначала в школе, потом на заводе. "
        "Муж умер три года назад, дети живут в Тюмени. Лекарства дорогие, "
        "коммуналка растёт, на продукты почти ничего не остаётся. "
        "Когда будет индексация пенсий?",
        municipality="Нягань",
    )
    assert story.cluster == short.cluster


def test_typos_capitals_and_transliteration_join(engine: Engine) -> None:
    first = engine.add("1", "Когда будет индексация пенсий?")
    noisy = engine.add("2", "КАГДА БУДЕТ ИНДЕКСАЦЫЯ ПЕНСИЙ???")
    latin = engine.add("3", "kogda budet indeksaciya pensiy")
    assert first.cluster == noisy.cluster == latin.cluster


def test_different_subjects_make_different_clusters(engine: Engine) -> None:
    pensions = engine.add("1", "Когда будет индексация пенсий?")
    roads = engine.add("2", "Когда отремонтируют дороги в Сургуте?")
    doctors = engine.add(
        "3", "Почему в поликлинике нет педиатров?", municipality="Урай"
    )
    assert len({pensions.cluster, roads.cluster, doctors.cluster}) == 3


def test_english_paraphrases_about_one_pothole_join(engine: Engine) -> None:
    first = engine.add("1", "When will the pothole on Main Street be fixed?")
    second = engine.add("2", "Are there plans to repair the road on Main Street?")
    assert first.cluster == second.cluster


def test_english_streets_keep_potholes_apart(engine: Engine) -> None:
    main = engine.add("1", "When will the potholes on Main Street be fixed?")
    oak = engine.add("2", "When will the potholes on Oak Avenue be fixed?")
    assert main.cluster != oak.cluster


def test_cluster_ids_are_given_in_order_and_never_change(engine: Engine) -> None:
    first = engine.add("1", "Когда будет индексация пенсий?")
    second = engine.add("2", "Почему в поликлинике нет педиатров?", municipality="Урай")
    assert (first.cluster, second.cluster) == ("c1", "c2")
    for index in range(3, 10):
        engine.add(str(index), "Когда индексация пенсий?")
    assert engine.assignment("1").cluster == "c1"
    assert [view.id for view in engine.clusters()] == ["c1", "c2"]


def test_topic_comes_from_the_event_list(make_engine) -> None:  # noqa: ANN001
    engine = make_engine(topics=["Дороги и транспорт", "Медицина", "Другое"])
    roads = engine.add("1", "Когда отремонтируют дорогу в Сургуте?")
    health = engine.add("2", "Почему нет педиатров в поликлинике?", municipality="Урай")
    other = engine.add("3", "Когда откроют новый памятник?")
    assert (roads.topic, health.topic, other.topic) == (
        "Дороги и транспорт",
        "Медицина",
        "Другое",
    )


def test_default_topics_are_used_without_an_event_list(engine: Engine) -> None:
    assert engine.add("1", "Когда проиндексируют пенсии?").topic == "социальная защита"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Whom a question is for ("детские") and what is done ("индексация")
        # weigh less than what it is about.
        ("Когда будет индексация детских пособий?", "социальная защита"),
        ("Почему в детской поликлинике нет педиатра?", "здравоохранение"),
        ("Почему выросла плата за детский сад?", "образование"),
        ("Will the library for kids close?", "культура и спорт"),
    ],
)
def test_topic_follows_the_subject_not_the_audience(
    engine: Engine, text: str, topic: str
) -> None:
    assert engine.add("1", text).topic == topic


def test_two_named_schools_stay_apart(engine: Engine) -> None:
    elementary = engine.add("1", "Lincoln Elementary is overcrowded, what is the plan?")
    middle = engine.add("2", "Lincoln Middle is overcrowded, what is the plan?")
    assert elementary.cluster != middle.cluster


def test_a_named_school_seen_capitalised_is_known_in_lower_case(
    engine: Engine,
) -> None:
    asked = [
        "Is there a plan to fix overcrowding at Lincoln Middle?"
        " Class sizes are over 30.",
        "Lincoln Elementary has kids in portable classrooms."
        " When will the school get an addition?",
        "lincoln elementary is overcrowded 32 kids in 2nd grade!!",
    ]
    middle, elementary, noisy = (
        engine.add(str(n), text, municipality="Hillcrest")
        for n, text in enumerate(asked)
    )
    assert noisy.cluster == elementary.cluster != middle.cluster


def test_settlement_and_its_district_are_one_place(engine: Engine) -> None:
    first = engine.add("1", "Когда в Берёзово построят новую поликлинику?")
    second = engine.add(
        "2", "Когда построят новую поликлинику?", municipality="Березовский район"
    )
    assert first.cluster == second.cluster


def test_two_settlements_of_one_district_stay_apart(engine: Engine) -> None:
    first = engine.add("1", "Когда в Лянторе построят новую поликлинику?")
    second = engine.add("2", "Когда в Белом Яре построят новую поликлинику?")
    assert first.cluster != second.cluster


def test_question_about_one_house_stays_out_of_a_region_wide_cluster(
    engine: Engine,
) -> None:
    regional = engine.add("1", "Почему каждый год растут тарифы ЖКХ?")
    engine.add("2", "Почему опять подняли тарифы на коммунальные услуги?")
    house = engine.add(
        "3", "Почему УК подняла тариф в нашем доме на Мира 12?", municipality="Когалым"
    )
    assert house.cluster != regional.cluster


def test_local_questions_naming_two_neighbourhoods_stay_apart(engine: Engine) -> None:
    first = engine.add(
        "1",
        "When will the storm drains in Eastfield be fixed?",
        municipality="Eastfield",
    )
    engine.add("2", "Why is the library closing early?", municipality="Riverside")
    second = engine.add(
        "3",
        "When will the storm drains in Riverside be fixed?",
        municipality="Riverside",
    )
    assert first.cluster != second.cluster
