# Uppföljningslista och kalenderflöde

attention-title = Uppföljningslista
attention-lead-city = Allt som kräver uppmärksamhet i stadens partnerskap just nu: försenade och kommande förfallodagar, leveranser som ska granskas samt avtal som ska godkännas eller som upphör.
attention-lead-member = Allt som kräver uppmärksamhet i din organisations partnerskap just nu: försenade och kommande förfallodagar samt avtal som väntar på ditt godkännande.
attention-calendar-link = Prenumerera på förfallodagarna i din kalender
attention-empty = Allt är uppdaterat. Det finns ingenting på uppföljningslistan.
attention-summary = Sammandrag
attention-days-late = { $days } dgr för sent
attention-due-in = { $days } dgr till förfallodagen
attention-ends-on = upphör { $date }
attention-decision-due = beslutet borde ha fattats senast { $date }

attention-kind-commitment_overdue = Försenade åtaganden
attention-kind-deliverable_overdue = Försenade leveranser
attention-kind-awaiting_review = Väntar på granskning
attention-kind-awaiting_acceptance = Avtal som väntar på godkännande
attention-kind-agreement_ending = Avtal inom uppsägnings- eller förnyelsetiden
attention-kind-awaiting_funder = Avtal som väntar på finansiärens beslut
attention-kind-commitment_upcoming = Kommande åtaganden (30 dgr)
attention-kind-deliverable_upcoming = Kommande leveranser (30 dgr)
attention-kind-verbal_not_written = Muntliga avtal som inte har skrivits ned
attention-kind-no_evaluation_decision = Inget utvärderingsbeslut på 12 månader

attention-hint-commitment_overdue = Uppdatera läget eller kom överens om en ny tidtabell.
attention-hint-deliverable_overdue = Leveransen har inte lämnats in, fast förfallodagen har passerat.
attention-hint-awaiting_review = Inlämnad för granskning: godkänn eller returnera med kommentarer.
attention-hint-awaiting_acceptance = Avtalet träder i kraft först när alla parter har godkänt det.
attention-hint-agreement_ending = Avtalet upphör snart: kom överens om förnyelse eller avslutande.
attention-hint-awaiting_funder = Registrera finansiärens beslut när det kommer.
attention-hint-commitment_upcoming = Förfallodagen infaller inom de närmaste 30 dagarna.
attention-hint-deliverable_upcoming = Förfallodagen infaller inom de närmaste 30 dagarna.
attention-hint-verbal_not_written = Det lönar sig att skriva ned även ett muntligt avtal, så att det består även om personerna byts ut.
attention-hint-no_evaluation_decision = Utvärdera partnerskapet tillsammans och besluta: fortsätta, omforma eller avsluta.

calendar-name = Kumppani – förfallodagar
calendar-title = Kalenderflöde
calendar-lead = Prenumerera på förfallodagarna på uppföljningslistan i din kalender (till exempel Outlook eller Google Kalender) med en hemlig adress. Vem som helst som känner till adressen ser dina förfallodagar, så dela den inte.
calendar-created = En ny kalenderadress har skapats. Kopiera den nu: den visas inte igen.
calendar-active-since = Kalenderadressen har varit i bruk sedan { $date }.
calendar-revoke = Ta kalenderadressen ur bruk
calendar-revoke-confirm = Vill du ta kalenderadressen ur bruk? Kalendrar som prenumererar på den uppdateras inte längre.
calendar-none = Du har ingen kalenderadress.
calendar-renew-hint = En ny adress ersätter den gamla, som slutar fungera genast.
calendar-renew = Skapa en ny adress
calendar-create = Skapa en kalenderadress
attention-show-all = Visa alla ({ $count })
attention-back-to-overview = ← Allt som kräver uppmärksamhet
attention-lines-count = Rader: { $count }
