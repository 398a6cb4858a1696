//! Demonstration actors: Turku's partner organisations and a few other actors.
//!
//! Only the names of the eleven partner organisations come from the sources (seed 003: the
//! partnership agreements of Turku's welfare division, valid 2016–2018). Everything else —
//! purposes, activities, resources, contact persons, business IDs — is invented so that the
//! catalogue and the similar-actors finder have something to show, and must not be read as fact.
//! Hence every purpose ends with "(Esittelyaineisto.)", every contact person is fictional with an
//! example.fi address and a 040 000 0xxx number, and every invented business ID starts with 399.
//!
//! Shared tags ("ikäihmiset", "yksinäisyyden vähentäminen", "vertaistuki", "Turku", …) are
//! spelled identically on purpose: the overlaps between actors are the point of the demo.

use kumppani_domain::actor::{ActivityInput, ActorInput, ContactInput, ResourceInput};

/// Actors of the demonstration data set, in Finnish with Swedish and English names.
pub fn demo_actors() -> Vec<ActorInput> {
    partner_organisations().into_iter().chain(other_actors()).map(mark_as_demo).collect()
}

/// Demo actors are published so the public catalogue has content, yet their contact persons stay
/// private (the default) like real personal data; the purpose carries the demo marking because it is the
/// text a visitor reads first.
fn mark_as_demo(actor: ActorInput) -> ActorInput {
    ActorInput {
        purpose: format!("{} (Esittelyaineisto.)", actor.purpose),
        private_fields: None,
        published: true,
        ..actor
    }
}

// The two data functions below are laid out by hand as tables, one row per line: rustfmt's
// call-width heuristics would spread every activity and resource row over five lines.

/// Turku's eleven partners of 2016–2018, in the order seed 003 lists them.
#[rustfmt::skip]
fn partner_organisations() -> Vec<ActorInput> {
    vec![
        ActorInput {
            name_fi: "Turun Kaupunkilähetys ry".into(),
            name_sv: "Åbo Stadsmission rf".into(),
            name_en: "Turku City Mission".into(),
            sector: "association".into(),
            business_id: "3990001-4".into(),
            register_number: "DEMO-001".into(),
            purpose: "Yhdistys tukee vaikeassa elämäntilanteessa olevia turkulaisia, erityisesti \
                      asunnottomia sekä päihde- ja mielenterveyskuntoutujia, ja vähentää \
                      yksinäisyyttä kohtaamisen ja vapaaehtoistoiminnan keinoin.".into(),
            core_competence: "Matalan kynnyksen kohtaaminen ja pitkäjänteinen tuki ihmisille, \
                              joita muut palvelut eivät tavoita.".into(),
            target_groups: tags(&["asunnottomat", "päihde- ja mielenterveyskuntoutujat",
                                  "ikäihmiset"]),
            themes: tags(&["päihdetyö", "asunnottomuus", "yksinäisyyden vähentäminen",
                           "vapaaehtoistoiminta"]),
            areas: tags(&["Turku", "Keskusta", "Varissuo"]),
            activities: vec![
                activity("Päiväkeskus ja yhteinen aamupala", "arkisin 9–15", "Keskusta"),
                activity("Ikäihmisten kohtaamispaikka", "to klo 13–15", "Varissuo"),
            ],
            resources: vec![
                intangible("volunteer_work", "Noin 80 koulutettua vapaaehtoista"),
                tangible("premises", "Päiväkeskuksen tilat keskustassa"),
                intangible("local_knowledge", "Tieto asunnottomien arjesta ja palvelupoluista"),
            ],
            contacts: contact("Maija Mallikas", "toiminnanjohtaja", "maija.mallikas", 101),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Lähimmäispalveluyhdistys ry".into(),
            name_en: "Neighbourly Help Association".into(),
            sector: "association".into(),
            purpose: "Yhdistys järjestää vapaaehtoisvoimin apua ja seuraa kotona asuville \
                      ikäihmisille ja tukee heidän omaisiaan.".into(),
            core_competence: "Vapaaehtoisten rekrytointi, koulutus ja ohjaus sekä vapaaehtoisen \
                              ja avun tarvitsijan yhteensovittaminen.".into(),
            target_groups: tags(&["ikäihmiset", "omaishoitajat"]),
            themes: tags(&["yksinäisyyden vähentäminen", "vapaaehtoistoiminta",
                           "kotona asumisen tuki"]),
            areas: tags(&["Turku", "Runosmäki", "Hirvensalo"]),
            activities: vec![
                activity("Ystävätoiminta: kotikäynnit ja ulkoiluapu", "sovittaessa",
                         "asiakkaan koti"),
                activity("Vapaaehtoisten peruskurssi", "keväisin ti klo 17–20", "Runosmäki"),
            ],
            resources: vec![
                intangible("volunteer_work", "Vapaaehtoisten ystävien verkosto"),
                tangible("services", "Asiointi- ja saattoapu"),
                intangible("reaching_target_groups", "Yhteys yksin kotona asuviin ikäihmisiin"),
            ],
            contacts: contact("Matti Meikäläinen", "vapaaehtoistoiminnan koordinaattori",
                              "matti.meikalainen", 102),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun Ensi- ja turvakoti ry".into(),
            name_en: "Turku Mother and Child Home and Shelter".into(),
            sector: "association".into(),
            business_id: "3990002-2".into(),
            register_number: "DEMO-002".into(),
            purpose: "Yhdistys tukee vauvaperheitä ja vanhemmuutta sekä ehkäisee \
                      lähisuhdeväkivaltaa ja auttaa sitä kokeneita.".into(),
            core_competence: "Vauvaperhetyö, päihteitä käyttävien odottavien äitien tuki ja \
                              lähisuhdeväkivaltatyö.".into(),
            target_groups: tags(&["lapsiperheet", "väkivaltaa kokeneet",
                                  "päihde- ja mielenterveyskuntoutujat"]),
            themes: tags(&["lastensuojelu", "väkivallan ehkäisy", "vanhemmuuden tuki",
                           "päihdetyö"]),
            areas: tags(&["Turku", "Varsinais-Suomi"]),
            activities: vec![
                activity("Vauvaperheiden vertaisryhmä", "ke klo 10–12", "Keskusta"),
                activity("Väkivaltatyön avovastaanotto", "arkisin 9–16", "Keskusta"),
            ],
            resources: vec![
                intangible("expertise", "Lähisuhdeväkivallan ja vauvaperhetyön erityisosaaminen"),
                tangible("services", "Turvakotipaikat ja avopalvelut"),
                intangible("perspectives", "Asiakkaiden kokemukset perheiden tuen aukoista"),
            ],
            contacts: contact("Essi Esimerkki", "perhetyön esihenkilö", "essi.esimerkki", 103),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun Icehearts ry".into(),
            name_en: "Icehearts Turku".into(),
            sector: "association".into(),
            purpose: "Yhdistys tukee lasten ja nuorten kasvua ja ehkäisee syrjäytymistä \
                      joukkueurheilun ja pitkäkestoisen aikuissuhteen avulla.".into(),
            core_competence: "Kasvattaja kulkee saman lapsiryhmän rinnalla koko peruskoulun \
                              ajan; joukkueurheilu on väline, ei päämäärä.".into(),
            target_groups: tags(&["lapset", "nuoret", "lapsiperheet"]),
            themes: tags(&["liikunta", "syrjäytymisen ehkäisy", "lastensuojelu"]),
            areas: tags(&["Turku", "Varissuo", "Lauste"]),
            activities: vec![
                activity("Joukkueen harjoitukset", "ma ja to klo 17–18.30", "Varissuo"),
                activity("Kasvattajan tuki koulupäivän aikana", "arkisin 8–14", "Lauste"),
            ],
            resources: vec![
                intangible("expertise", "Pitkäjänteisen kasvatustyön malli"),
                intangible("reaching_target_groups", "Luottamus lapsiin ja heidän perheisiinsä"),
                tangible("financial", "Hankerahoitus kasvattajien palkkoihin"),
            ],
            contacts: contact("Teppo Testaaja", "kasvattaja", "teppo.testaaja", 104),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Auralan Nuoret ry".into(),
            name_en: "Aurala Youth".into(),
            sector: "association".into(),
            purpose: "Yhdistys tarjoaa nuorille ja nuorille aikuisille vapaa-ajan toimintaa, \
                      tukea opintoihin ja asumiseen sekä kotoutumista tukevaa toimintaa.".into(),
            core_competence: "Nuorisotyö, nuorten asumisen tuki ja työpajatoiminta.".into(),
            target_groups: tags(&["nuoret", "maahanmuuttajat"]),
            themes: tags(&["nuorisotyö", "kotoutuminen", "harrastukset",
                           "yksinäisyyden vähentäminen"]),
            areas: tags(&["Turku", "Keskusta", "Runosmäki"]),
            activities: vec![
                activity("Avoin nuorten ilta", "ti ja to klo 17–21", "Keskusta"),
                activity("Suomen kielen keskusteluryhmä nuorille", "ke klo 16–18", "Runosmäki"),
            ],
            resources: vec![
                tangible("premises", "Nuorisotila iltakäyttöön"),
                intangible("volunteer_work", "Nuoret vertaisohjaajat"),
                intangible("contacts", "Yhteydet oppilaitoksiin ja nuorisopalveluihin"),
            ],
            contacts: contact("Olli Oletus", "nuorisotyön koordinaattori", "olli.oletus", 105),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Suomen Punainen Risti, Varsinais-Suomen piiri".into(),
            name_sv: "Finlands Röda Kors, Egentliga Finlands distrikt".into(),
            name_en: "Finnish Red Cross, Southwest Finland District".into(),
            sector: "association".into(),
            purpose: "Piiri auttaa hädänalaisia, ylläpitää valmiutta onnettomuuksien varalle ja \
                      vähentää yksinäisyyttä ystävätoiminnalla.".into(),
            core_competence: "Valmiustoiminta, ensiapu ja laaja, nopeasti koottava \
                              vapaaehtoisverkosto.".into(),
            target_groups: tags(&["ikäihmiset", "maahanmuuttajat", "kriisissä olevat"]),
            themes: tags(&["vapaaehtoistoiminta", "yksinäisyyden vähentäminen", "kotoutuminen",
                           "ensiapu", "valmiustoiminta"]),
            areas: tags(&["Varsinais-Suomi", "Turku", "Varissuo"]),
            activities: vec![
                activity("Ystävätoiminnan ryhmä ikäihmisille", "ke klo 13–15", "Varissuo"),
                activity("Ensiapukurssit", "la klo 9–16", "Keskusta"),
                activity("Kotoutumista tukeva kielikahvila", "ma klo 17–19", "Varissuo"),
            ],
            resources: vec![
                intangible("volunteer_work", "Ystävä- ja valmiusryhmien vapaaehtoiset"),
                intangible("expertise", "Ensiavun ja valmiuden koulutusosaaminen"),
                intangible("contacts", "Valtakunnallinen järjestöverkosto"),
            ],
            contacts: contact("Kalle Kuvitelma", "järjestökoordinaattori", "kalle.kuvitelma", 106),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Varsinais-Suomen Muistiyhdistys ry".into(),
            name_en: "Southwest Finland Memory Association".into(),
            sector: "association".into(),
            business_id: "3990003-0".into(),
            purpose: "Yhdistys tukee muistisairaita ja heidän läheisiään ja edistää aivoterveyttä \
                      Varsinais-Suomessa.".into(),
            core_competence: "Muistisairauksien ja omaishoidon arjen tuntemus sekä vertaistuen \
                              ohjaaminen.".into(),
            target_groups: tags(&["muistisairaat ja heidän läheisensä", "ikäihmiset",
                                  "omaishoitajat"]),
            themes: tags(&["vertaistuki", "muistisairaudet", "omaishoito",
                           "yksinäisyyden vähentäminen"]),
            areas: tags(&["Varsinais-Suomi", "Turku", "Hirvensalo"]),
            activities: vec![
                activity("Muistikahvila", "ti klo 17–19", "Keskusta"),
                activity("Omaisten vertaisryhmä", "joka toinen to klo 17.30–19", "Hirvensalo"),
            ],
            resources: vec![
                intangible("peer_support", "Koulutetut vertaisohjaajat"),
                intangible("expertise", "Muistisairauksien ja aivoterveyden asiantuntemus"),
                intangible("local_knowledge", "Tieto muistisairaiden perheiden arjesta"),
            ],
            contacts: contact("Sanna Satunnainen", "muistiohjaaja", "sanna.satunnainen", 107),
            ..ActorInput::default()
        },
        ActorInput {
            // Folkhälsan works in Swedish, so its Swedish name serves as the Finnish one too.
            name_fi: "Folkhälsan Syd Ab".into(),
            name_sv: "Folkhälsan Syd Ab".into(),
            name_en: "Folkhälsan Syd".into(),
            sector: "organisation".into(),
            purpose: "Yhtiö tuottaa ruotsinkielisiä hyvinvointi- ja terveyspalveluja \
                      lapsiperheille ja ikäihmisille.".into(),
            core_competence: "Ruotsinkieliset palvelut koko elämänkaaren ajan ja terveyden \
                              edistäminen.".into(),
            target_groups: tags(&["ruotsinkieliset", "lapsiperheet", "ikäihmiset"]),
            themes: tags(&["terveyden edistäminen", "liikunta", "vertaistuki"]),
            areas: tags(&["Turku", "Keskusta", "Varsinais-Suomi"]),
            activities: vec![
                activity("Ruotsinkielinen perhekahvila", "pe klo 9.30–11.30", "Keskusta"),
                activity("Ikäihmisten kuntosaliryhmä", "ma ja ke klo 10–11", "Keskusta"),
            ],
            resources: vec![
                tangible("services", "Ruotsinkieliset ryhmät ja palvelut"),
                tangible("premises", "Ryhmätilat ja kuntosali"),
                intangible("reaching_target_groups", "Yhteys ruotsinkielisiin perheisiin"),
            ],
            contacts: contact("Stina Exempelsson", "toiminnanjohtaja", "stina.exempelsson", 108),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun seudun lihastautiyhdistys ry:n avustajakeskus".into(),
            name_en: "Personal Assistance Centre of the Turku Region Neuromuscular Association"
                .into(),
            sector: "association".into(),
            purpose: "Avustajakeskus tukee vammaisia henkilöitä henkilökohtaisen avun \
                      järjestämisessä ja työnantajana toimimisessa.".into(),
            core_competence: "Henkilökohtaisen avun työnantajamallin neuvonta, avustajien \
                              välitys ja sijaisjärjestelyt.".into(),
            target_groups: tags(&["vammaiset henkilöt", "henkilökohtaiset avustajat"]),
            themes: tags(&["henkilökohtainen apu", "kotona asumisen tuki", "osallisuus"]),
            areas: tags(&["Turku", "Varsinais-Suomi"]),
            activities: vec![
                activity("Työnantajaneuvonta", "arkisin 9–15", "Keskusta"),
                activity("Avustajien perehdytyskoulutus", "kuukausittain ti klo 17–20", "Keskusta"),
            ],
            resources: vec![
                tangible("services", "Avustajavälitys ja sijaisrekisteri"),
                intangible("expertise", "Työnantajamallin ja työlainsäädännön osaaminen"),
                intangible("perspectives", "Vammaisten henkilöiden kokemustieto"),
            ],
            contacts: contact("Ville Virtuaali", "johtaja", "ville.virtuaali", 109),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "MLL:n Varsinais-Suomen piiri".into(),
            name_sv: "Mannerheims Barnskyddsförbund, Egentliga Finlands distrikt".into(),
            name_en: "Mannerheim League for Child Welfare, Southwest Finland District".into(),
            sector: "association".into(),
            purpose: "Piiri edistää lasten ja lapsiperheiden hyvinvointia vertaistuen ja \
                      vapaaehtoistoiminnan avulla.".into(),
            core_competence: "Perhekahvilat, tukihenkilötoiminta ja vapaaehtoisten \
                              kouluttaminen lapsiperheiden tueksi.".into(),
            target_groups: tags(&["lapsiperheet", "lapset", "nuoret"]),
            themes: tags(&["vertaistuki", "vapaaehtoistoiminta", "vanhemmuuden tuki",
                           "lastensuojelu"]),
            areas: tags(&["Varsinais-Suomi", "Turku", "Lauste", "Runosmäki"]),
            activities: vec![
                activity("Perhekahvila", "ke klo 9.30–11.30", "Lauste"),
                activity("Lasten ja nuorten chat-päivystys", "arkisin 14–20", "verkossa"),
                activity("Tukihenkilökoulutus", "syksyisin ma klo 17–20", "Keskusta"),
            ],
            resources: vec![
                intangible("volunteer_work", "Perhekahviloiden vapaaehtoiset ohjaajat"),
                intangible("peer_support", "Vanhempien vertaistukiryhmät"),
                intangible("contacts", "Paikallisyhdistysten verkosto"),
            ],
            contacts: contact("Paula Pilotti", "perhetoiminnan suunnittelija", "paula.pilotti",
                              110),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun kriisikeskus ry".into(),
            name_en: "Turku Crisis Centre".into(),
            sector: "association".into(),
            purpose: "Yhdistys tarjoaa maksutonta kriisiapua ja tukea itsetuhoisuuden, surun ja \
                      elämänkriisien keskellä oleville.".into(),
            core_competence: "Lyhytkestoinen kriisiapu, itsemurhien ehkäisy ja vapaaehtoisten \
                              tukihenkilöiden kouluttaminen.".into(),
            target_groups: tags(&["kriisissä olevat", "läheisensä menettäneet", "nuoret"]),
            themes: tags(&["mielenterveys", "kriisityö", "vertaistuki", "vapaaehtoistoiminta"]),
            areas: tags(&["Turku", "Keskusta", "Varsinais-Suomi"]),
            activities: vec![
                activity("Kriisivastaanotto ajanvarauksella", "arkisin 9–16", "Keskusta"),
                activity("Sururyhmä", "to klo 17–19", "Keskusta"),
            ],
            resources: vec![
                intangible("expertise", "Kriisityön ammattiosaaminen"),
                intangible("volunteer_work", "Koulutetut tukihenkilöt"),
                intangible("peer_support", "Vertaisryhmät läheisensä menettäneille"),
            ],
            contacts: contact("Eero Esittely", "kriisityöntekijä", "eero.esittely", 111),
            ..ActorInput::default()
        },
    ]
}

/// The other sectors the catalogue should be able to show: city units, the wellbeing services
/// county, a parish, an educational institution, a company, a funder and a residents' group.
#[rustfmt::skip]
fn other_actors() -> Vec<ActorInput> {
    vec![
        ActorInput {
            name_fi: "Turun kaupunki – hyvinvointitoimiala".into(),
            name_sv: "Åbo stad, välfärdssektorn".into(),
            name_en: "City of Turku, Welfare Division".into(),
            sector: "municipality".into(),
            purpose: "Toimiala edistää kaupunkilaisten hyvinvointia ja terveyttä ja koordinoi \
                      järjestöyhteistyötä kumppanuussopimusten avulla.".into(),
            core_competence: "Järjestöavustukset, tilakumppanuudet ja kumppanuussopimusten \
                              koordinointi.".into(),
            target_groups: tags(&["järjestöt", "ikäihmiset", "lapsiperheet"]),
            themes: tags(&["järjestöyhteistyö", "yksinäisyyden vähentäminen",
                           "hyvinvoinnin edistäminen"]),
            areas: tags(&["Turku"]),
            activities: vec![
                activity("Kumppanuusfoorumi järjestöille", "kahdesti vuodessa", "Keskusta"),
                activity("Vakiovuorojen haku toimialan tiloihin", "toukokuussa", "verkossa"),
            ],
            resources: vec![
                tangible("financial", "Järjestöavustukset"),
                tangible("premises", "Toimialan tiloja järjestöjen käyttöön maksutta"),
                intangible("contacts", "Yhteydet sosiaali- ja terveyspalveluihin"),
            ],
            contacts: contact("Kaisa Kuvitteellinen", "järjestöyhteistyön projektipäällikkö",
                              "kaisa.kuvitteellinen", 112),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun kaupunginkirjasto".into(),
            name_sv: "Åbo stadsbibliotek".into(),
            name_en: "Turku City Library".into(),
            sector: "municipality".into(),
            purpose: "Kirjasto tarjoaa kaikille avoimia tiloja, aineistoja ja tapahtumia sekä \
                      tukee lukutaitoa ja digitaitoja.".into(),
            core_competence: "Avoimet, maksuttomat tilat lähellä asukkaita ja digineuvonta.".into(),
            target_groups: tags(&["ikäihmiset", "lapsiperheet", "maahanmuuttajat"]),
            themes: tags(&["kulttuuri", "digituki", "kotoutuminen", "yksinäisyyden vähentäminen"]),
            areas: tags(&["Turku", "Keskusta", "Varissuo", "Runosmäki"]),
            activities: vec![
                activity("Digineuvonta ikäihmisille", "ti klo 13–15", "Varissuo"),
                activity("Lukupiiri", "ke klo 17–18.30", "Keskusta"),
            ],
            resources: vec![
                tangible("premises", "Kokous- ja tapahtumatilat lähikirjastoissa"),
                tangible("services", "Digineuvonta"),
                intangible("reaching_target_groups", "Kävijöitä kaikista ikäryhmistä"),
            ],
            contacts: contact("Lotta Lainaaja", "kirjastonhoitaja", "lotta.lainaaja", 113),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun nuorisopalvelut".into(),
            name_sv: "Åbo stad, ungdomstjänster".into(),
            name_en: "Turku Youth Services".into(),
            sector: "municipality".into(),
            purpose: "Nuorisopalvelut tukee nuorten kasvua, osallisuutta ja harrastamista \
                      nuorisotiloissa, kaduilla ja verkossa.".into(),
            core_competence: "Avoin ja etsivä nuorisotyö sekä nuorten osallisuuden tukeminen."
                .into(),
            target_groups: tags(&["nuoret"]),
            themes: tags(&["nuorisotyö", "harrastukset", "osallisuus", "liikunta"]),
            areas: tags(&["Turku", "Varissuo", "Lauste", "Runosmäki"]),
            activities: vec![
                activity("Nuorisotalon avoimet illat", "ma–to klo 17–21", "Lauste"),
                activity("Etsivä nuorisotyö", "arkisin", "Turku"),
            ],
            resources: vec![
                tangible("premises", "Nuorisotilat iltaisin ja viikonloppuisin"),
                intangible("expertise", "Nuorisotyön ammattilaiset"),
                intangible("local_knowledge", "Tieto alueiden nuorten tilanteesta"),
            ],
            contacts: contact("Joonas Jokunen", "nuorisotyön esihenkilö", "joonas.jokunen", 114),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Varsinais-Suomen hyvinvointialue".into(),
            name_sv: "Egentliga Finlands välfärdsområde".into(),
            name_en: "Wellbeing Services County of Southwest Finland".into(),
            sector: "wellbeing_services_county".into(),
            purpose: "Hyvinvointialue järjestää sosiaali-, terveys- ja pelastuspalvelut ja tekee \
                      yhteistyötä järjestöjen kanssa asukkaiden hyvinvoinnin tukemiseksi.".into(),
            core_competence: "Sosiaali- ja terveyspalvelujen järjestäminen ja palveluohjaus."
                .into(),
            target_groups: tags(&["ikäihmiset", "lapsiperheet",
                                  "päihde- ja mielenterveyskuntoutujat",
                                  "vammaiset henkilöt"]),
            themes: tags(&["järjestöyhteistyö", "mielenterveys", "päihdetyö",
                           "kotona asumisen tuki"]),
            areas: tags(&["Varsinais-Suomi", "Turku"]),
            activities: vec![
                activity("Järjestöyhteistyön kumppanuuspöytä", "neljästi vuodessa", "Turku"),
                activity("Palveluohjaus ikäihmisille", "arkisin 8–16", "Turku"),
            ],
            resources: vec![
                tangible("financial", "Järjestöjen yleis- ja kohdeavustukset"),
                tangible("services", "Sosiaali- ja terveyspalvelut"),
                intangible("contacts", "Palveluohjauksen verkosto"),
            ],
            contacts: contact("Tiina Tuntematon", "järjestöyhteistyön asiantuntija",
                              "tiina.tuntematon", 115),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun ja Kaarinan seurakuntayhtymä".into(),
            name_sv: "Åbo och S:t Karins kyrkliga samfällighet".into(),
            name_en: "Turku and Kaarina Parish Union".into(),
            sector: "parish".into(),
            purpose: "Seurakunnat tekevät diakoniatyötä, tukevat yksinäisiä ja vähävaraisia sekä \
                      järjestävät toimintaa kaikenikäisille.".into(),
            core_competence: "Diakoniatyö, vapaaehtoisten kouluttaminen ja laaja tilaverkosto."
                .into(),
            target_groups: tags(&["ikäihmiset", "lapsiperheet", "asunnottomat"]),
            themes: tags(&["yksinäisyyden vähentäminen", "vapaaehtoistoiminta", "diakonia",
                           "ruoka-apu"]),
            areas: tags(&["Turku", "Kaarina", "Hirvensalo", "Runosmäki"]),
            activities: vec![
                activity("Diakoniavastaanotto", "ti ja to klo 9–11", "Runosmäki"),
                activity("Ikäihmisten kerho", "ke klo 12–14", "Hirvensalo"),
            ],
            resources: vec![
                tangible("premises", "Seurakuntatalojen tilat"),
                intangible("volunteer_work", "Seurakuntien vapaaehtoiset"),
                tangible("financial", "Diakoniset avustukset"),
            ],
            contacts: contact("Hanna Harjoitus", "diakoniatyöntekijä", "hanna.harjoitus", 116),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Turun ammattikorkeakoulu".into(),
            name_sv: "Åbo yrkeshögskola".into(),
            name_en: "Turku University of Applied Sciences".into(),
            sector: "educational_institution".into(),
            purpose: "Ammattikorkeakoulu kouluttaa sosiaali- ja terveysalan osaajia ja tekee \
                      soveltavaa tutkimusta ja kehittämistä alueen toimijoiden kanssa.".into(),
            core_competence: "Opiskelijaprojektit, oppimisympäristöt ja kehittämistyön \
                              menetelmät.".into(),
            target_groups: tags(&["opiskelijat", "järjestöt", "ikäihmiset"]),
            themes: tags(&["tutkimus ja kehittäminen", "oppimisympäristöt", "järjestöyhteistyö"]),
            areas: tags(&["Turku", "Varsinais-Suomi"]),
            activities: vec![
                activity("Opiskelijoiden projektityöt järjestöille", "lukukausittain", "Turku"),
                activity("Opiskelijoiden hyvinvointipiste", "ke klo 10–13", "Keskusta"),
            ],
            resources: vec![
                intangible("expertise", "Soveltavan tutkimuksen ja kehittämisen osaaminen"),
                intangible("other", "Opiskelijoiden työpanos projekti- ja harjoittelujaksoilla"),
                intangible("perspectives", "Tuore tutkimustieto ja uudet näkökulmat"),
            ],
            contacts: contact("Tero Teoria", "lehtori", "tero.teoria", 117),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Aurajoen Hoivapalvelut Oy".into(),
            name_en: "Aurajoki Care Services Ltd".into(),
            sector: "company".into(),
            business_id: "3990004-9".into(),
            purpose: "Kuvitteellinen yritys tuottaa kotona asumista tukevia palveluja \
                      ikäihmisille ja omaishoitajien lomitusta Turussa.".into(),
            core_competence: "Kotiin vietävät tukipalvelut ja ikäihmisten arjen apu.".into(),
            target_groups: tags(&["ikäihmiset", "omaishoitajat"]),
            themes: tags(&["kotona asumisen tuki", "omaishoito", "yksinäisyyden vähentäminen"]),
            areas: tags(&["Turku", "Hirvensalo", "Lauste"]),
            activities: vec![
                activity("Kotisiivous ja asiointiapu", "arkisin 8–18", "asiakkaan koti"),
                activity("Omaishoitajien lomitus", "sovittaessa, myös iltaisin", "Turku"),
            ],
            resources: vec![
                tangible("services", "Kotona asumisen tukipalvelut ja lomitus"),
                tangible("premises", "Yhteistila ryhmätoimintaan Lausteella"),
                intangible("reaching_target_groups", "Yhteys kotona asuviin ikäihmisiin"),
            ],
            contacts: contact("Yrjö Yrittäjä", "toimitusjohtaja", "yrjo.yrittaja", 118),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Sosiaali- ja terveysjärjestöjen avustuskeskus STEA".into(),
            name_sv: "Social- och hälsoorganisationernas understödscentral STEA".into(),
            name_en: "Funding Centre for Social Welfare and Health Organisations STEA".into(),
            sector: "funder".into(),
            purpose: "Keskus valmistelee avustuksia sosiaali- ja terveysalan järjestöille sekä \
                      seuraa avustusten käyttöä ja vaikutuksia.".into(),
            core_competence: "Avustusten valmistelu, ohjaus ja vaikutusten seuranta.".into(),
            target_groups: tags(&["järjestöt"]),
            themes: tags(&["rahoitus", "järjestöyhteistyö"]),
            areas: tags(&["Suomi"]),
            activities: vec![
                activity("Avustushaku", "kerran vuodessa", "verkossa"),
                activity("Avustusten käytön ohjaus ja seuranta", "ympäri vuoden", "verkossa"),
            ],
            resources: vec![
                tangible("financial", "Avustukset järjestöjen toimintaan ja hankkeisiin"),
                intangible("expertise", "Vaikutusten arvioinnin ohjaus"),
            ],
            contacts: contact("Anna Avustus", "avustusvalmistelija", "anna.avustus", 119),
            ..ActorInput::default()
        },
        ActorInput {
            name_fi: "Runosmäen asukasraati".into(),
            name_en: "Runosmäki Residents' Panel".into(),
            sector: "residents".into(),
            purpose: "Kuvitteellinen asukasryhmä tuo alueen asukkaiden näkökulman palvelujen ja \
                      tapahtumien suunnitteluun.".into(),
            core_competence: "Alueen arjen tuntemus ja naapuruston verkostot.".into(),
            target_groups: tags(&["asukkaat", "ikäihmiset"]),
            themes: tags(&["osallisuus", "yhteisöllisyys", "yksinäisyyden vähentäminen"]),
            areas: tags(&["Turku", "Runosmäki"]),
            activities: vec![
                activity("Asukasilta", "kuun ensimmäinen ti klo 18–20", "Runosmäki"),
                activity("Korttelikävelyt", "kesäisin su klo 14", "Runosmäki"),
            ],
            resources: vec![
                intangible("local_knowledge", "Tieto alueen arjesta ja kohtaamispaikoista"),
                intangible("volunteer_work", "Talkoolaiset tapahtumiin"),
                intangible("perspectives", "Asukkaiden näkökulma palveluihin"),
            ],
            contacts: contact("Antti Asukas", "yhteyshenkilö", "antti.asukas", 120),
            ..ActorInput::default()
        },
    ]
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|tag| (*tag).to_owned()).collect()
}

fn activity(what: &str, when: &str, place: &str) -> ActivityInput {
    ActivityInput { what: what.into(), when: when.into(), place: place.into() }
}

fn tangible(kind: &str, description: &str) -> ResourceInput {
    resource(kind, description, "tangible")
}

fn intangible(kind: &str, description: &str) -> ResourceInput {
    resource(kind, description, "intangible")
}

fn resource(kind: &str, description: &str, tangibility: &str) -> ResourceInput {
    ResourceInput { kind: kind.into(), description: description.into(), tangibility: tangibility.into() }
}

/// One fictional contact person; the example.fi domain and the 040 000 0xxx block make sure
/// nothing in the demo can reach a real person.
fn contact(name: &str, role: &str, email_user: &str, number: u16) -> Vec<ContactInput> {
    vec![ContactInput {
        name: name.into(),
        role: role.into(),
        email: format!("{email_user}@example.fi"),
        phone: format!("040 000 0{number:03}"),
    }]
}
