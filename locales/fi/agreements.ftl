# Sopimukset, hyväksynnät ja liitteet

agreements-heading = Sopimukset
agreements-none = Kumppanuudelle ei ole vielä kirjattu sopimusasiakirjaa.
agreements-none-verbal = Sopimus on suullinen. Kirjaa se kirjalliseksi sopimukseksi, niin osapuolet voivat hyväksyä sen.
agreement-new-title = Uusi sopimusversio
agreement-new-version = Laadi muutos tai uusinta
agreement-document = Sopimus
agreement-version = versio
agreement-version-legend = Sopimusversio
agreement-create-button = Tallenna ja lähetä hyväksyttäväksi
agreement-contents-hint = Sisältö on esitäytetty kumppanuuden tiedoista. Osapuolten sitoumukset tulevat sopimukseen kumppanuuden osapuoliriveiltä.
agreement-commitments-above = Osapuolten sitoumukset on lueteltu osapuolten taulukossa.
agreement-validity = Voimassaolo
agreement-status-label = Tila
agreement-chain-heading = Sopimuksen versiot
field-agreement-kind = Versio
field-previous-version = Mitä versiota tämä muuttaa tai uusii
field-agreement-title = Sopimuksen nimi
field-agreement-language = Sopimuksen kieli
field-notice-days = Ilmoitus ennen päättymistä (päivää)
notice-days-hint = Sopimus nostetaan seurantalistalle näin monta päivää ennen päättymistä, jotta uusimisesta ehditään sopia.
notice-from = Seurantalistalla { $date } alkaen
valid-until-hint = Jätä tyhjäksi, jos sopimus on voimassa toistaiseksi.
valid-until-open = Toistaiseksi
field-funder-condition = Ehtona rahoittajan päätös
funder-condition-hint = Esimerkiksi STEA. Sopimus tulee voimaan vasta, kun myönteinen päätös on kirjattu; kielteinen päätös päättää sen.
funder-decision-pending = päätöstä odotetaan
funder-decision-legend = Rahoittajan päätös
field-funder-verdict = Päätös
field-decision-reference = Päätöksen tunniste
funder-verdict-positive = Myönteinen
funder-verdict-negative = Kielteinen

agreement-kind-original = Alkuperäinen sopimus
agreement-kind-amendment = Muutos
agreement-kind-renewal = Uusinta

agreement-status-awaiting_acceptance = Odottaa osapuolten hyväksyntää
agreement-status-awaiting_funder = Odottaa rahoittajan päätöstä
agreement-status-not_yet_valid = Hyväksytty, voimaantulo myöhemmin
agreement-status-in_force = Voimassa
agreement-status-expired = Päättynyt
agreement-status-superseded = Korvattu uudemmalla versiolla
agreement-status-rejected = Rahoittajan kielteinen päätös

acceptances-heading = Hyväksynnät
accepted-on = Hyväksytty
acceptance-method = Tapa
not-yet-accepted = Ei vielä hyväksytty
acceptance-method-in_app = Hyväksytty sovelluksessa
acceptance-method-paper = Allekirjoitettu paperilla
accept-on-behalf = Hyväksy sopimus toimijan { $actor } puolesta.
accept-button = Hyväksy sopimus
paper-legend = Kirjaa allekirjoitettu paperi
field-signed-on = Allekirjoituspäivä
paper-button = Kirjaa allekirjoitus
print-button = Tulosta sopimus

attachments-heading = Liitteet
attachments-none = Ei liitteitä.
field-attachment = Liite
attachment-hint = PDF-, ODT-, DOCX- tai XLSX-tiedosto, enintään 20 Mt.
attach-button = Lisää liite

notice-accepted = Hyväksyntä kirjattu.
notice-attached = Liite lisätty.
notice-attachment-removed = Liite poistettiin.

timeline-transition = Vaihe vaihtui
timeline-agreement_created = Sopimusversio laadittiin
timeline-accepted = Osapuoli hyväksyi sopimuksen
timeline-funder_decision = Rahoittajan päätös kirjattiin
timeline-in_force = Sopimus tuli voimaan
timeline-commitment_added = Sitoumus lisättiin
timeline-commitment_updated = Sitoumuksen tilanne päivitettiin
timeline-deliverable_added = Toimitettava lisättiin
timeline-deliverable_submitted = Toimitettava jätettiin tarkastettavaksi
timeline-deliverable_reviewed = Toimitettava tarkastettiin
timeline-grant_recorded = Avustuksen tiedot kirjattiin

error-already-accepted = Tämä osapuoli on jo hyväksynyt sopimuksen.
error-no-funder-decision-pending = Sopimus ei odota rahoittajan päätöstä.
error-attachment-empty = Valitse lähetettävä tiedosto.
error-attachment-too-large = Tiedosto on liian suuri. Liitteen koko voi olla enintään 20 Mt.
error-attachment-type = Tiedosto ei ole PDF-, ODT-, DOCX- tai XLSX-tiedosto. Tallenna se jossakin näistä muodoista.
notice-agreement-created = Sopimusversio tallennettiin ja lähetettiin osapuolten hyväksyttäväksi.
bytes = t
kilobytes = kt
megabytes = Mt
attachment-remove-button = Poista
attachment-remove-confirm = Poistetaanko liite ”{ $name }”? Poistoa ei voi perua.
