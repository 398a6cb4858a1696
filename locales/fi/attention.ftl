# Seurantalista ja kalenterisyöte

attention-title = Seurantalista
attention-lead-city = Kaikki kaupungin kumppanuuksissa nyt huomiota vaativa: myöhässä olevat ja lähestyvät määräpäivät, tarkastettavat, hyväksyttävät ja päättyvät sopimukset.
attention-lead-member = Organisaatiosi kumppanuuksissa nyt huomiota vaativa: myöhässä olevat ja lähestyvät määräpäivät sekä hyväksyntääsi odottavat sopimukset.
attention-calendar-link = Tilaa määräpäivät kalenteriisi
attention-empty = Kaikki on ajan tasalla. Seurantalistalla ei ole mitään.
attention-summary = Yhteenveto
attention-days-late = { $days } pv myöhässä
attention-due-in = määräpäivään { $days } pv
attention-ends-on = päättyy { $date }
attention-decision-due = päätös olisi pitänyt tehdä { $date } mennessä

attention-kind-commitment_overdue = Myöhässä olevat sitoumukset
attention-kind-deliverable_overdue = Myöhässä olevat toimitettavat
attention-kind-awaiting_review = Tarkastusta odottavat
attention-kind-awaiting_acceptance = Hyväksyntää odottavat sopimukset
attention-kind-agreement_ending = Irtisanomis- tai uusimisajalla olevat sopimukset
attention-kind-awaiting_funder = Rahoittajan päätöstä odottavat sopimukset
attention-kind-commitment_upcoming = Lähestyvät sitoumukset (30 pv)
attention-kind-deliverable_upcoming = Lähestyvät toimitettavat (30 pv)
attention-kind-verbal_not_written = Suulliset sopimukset, joita ei ole kirjattu
attention-kind-no_evaluation_decision = Ei arviointipäätöstä 12 kuukauteen

attention-hint-commitment_overdue = Päivitä tilanne tai sovi uudesta aikataulusta.
attention-hint-deliverable_overdue = Toimitettava on jättämättä, vaikka määräpäivä on mennyt.
attention-hint-awaiting_review = Jätetty tarkastettavaksi: hyväksy tai palauta kommentein.
attention-hint-awaiting_acceptance = Sopimus tulee voimaan vasta, kun kaikki osapuolet ovat hyväksyneet sen.
attention-hint-agreement_ending = Sopimus päättyy pian: sovi uusimisesta tai päättämisestä.
attention-hint-awaiting_funder = Kirjaa rahoittajan päätös, kun se tulee.
attention-hint-commitment_upcoming = Määräpäivä on seuraavan 30 päivän aikana.
attention-hint-deliverable_upcoming = Määräpäivä on seuraavan 30 päivän aikana.
attention-hint-verbal_not_written = Suullinenkin sopimus kannattaa kirjata, jotta se pysyy, vaikka ihmiset vaihtuvat.
attention-hint-no_evaluation_decision = Arvioikaa kumppanuus yhdessä ja päättäkää: jatketaan, muotoillaan uudelleen vai päätetään.

calendar-name = Kumppani – määräpäivät
calendar-title = Kalenterisyöte
calendar-lead = Tilaa seurantalistan määräpäivät kalenteriisi (esimerkiksi Outlook tai Google-kalenteri) salaisella osoitteella. Kuka tahansa osoitteen tietävä näkee määräpäiväsi, joten älä jaa sitä.
calendar-created = Uusi kalenteriosoite on luotu. Kopioi se nyt: sitä ei näytetä uudelleen.
calendar-active-since = Kalenteriosoite on ollut käytössä { $date } alkaen.
calendar-revoke = Poista kalenteriosoite käytöstä
calendar-revoke-confirm = Poistetaanko kalenteriosoite käytöstä? Kalenterit, joihin se on tilattu, eivät enää päivity.
calendar-none = Sinulla ei ole kalenteriosoitetta.
calendar-renew-hint = Uusi osoite korvaa vanhan, joka lakkaa toimimasta heti.
calendar-renew = Luo uusi osoite
calendar-create = Luo kalenteriosoite
attention-show-all = Näytä kaikki ({ $count })
attention-back-to-overview = ← Kaikki huomiota vaativat
attention-lines-count = Rivejä: { $count }
