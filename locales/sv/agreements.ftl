# Avtal, godkännanden och bilagor

agreements-heading = Avtal
agreements-none = Inget avtalsdokument har ännu registrerats för partnerskapet.
agreements-none-verbal = Avtalet är muntligt. Skriv ned det som ett skriftligt avtal, så att parterna kan godkänna det.
agreement-new-title = Ny avtalsversion
agreement-new-version = Upprätta en ändring eller förnyelse
agreement-document = Avtal
agreement-version = version
agreement-version-legend = Avtalsversion
agreement-create-button = Spara och skicka för godkännande
agreement-contents-hint = Innehållet har fyllts i på förhand med uppgifterna om partnerskapet. Parternas åtaganden hämtas till avtalet från raderna för parterna i partnerskapet.
agreement-commitments-above = Parternas åtaganden räknas upp i tabellen över parter.
agreement-validity = Giltighetstid
agreement-status-label = Status
agreement-chain-heading = Avtalets versioner
field-agreement-kind = Version
field-previous-version = Vilken version detta ändrar eller förnyar
field-agreement-title = Avtalets namn
field-agreement-language = Avtalets språk
field-notice-days = Påminnelse före upphörandet (dagar)
notice-days-hint = Avtalet förs upp på uppföljningslistan så här många dagar före upphörandet, så att det finns tid att komma överens om en förnyelse.
notice-from = På uppföljningslistan från och med { $date }
valid-until-hint = Lämna tomt om avtalet gäller tills vidare.
valid-until-open = Tills vidare
field-funder-condition = Villkorat av finansiärens beslut
funder-condition-hint = Till exempel STEA. Avtalet träder i kraft först när ett positivt beslut har registrerats; ett negativt beslut avslutar det.
funder-decision-pending = beslutet inväntas
funder-decision-legend = Finansiärens beslut
field-funder-verdict = Beslut
field-decision-reference = Beslutets identifierare
funder-verdict-positive = Positivt
funder-verdict-negative = Negativt

agreement-kind-original = Ursprungligt avtal
agreement-kind-amendment = Ändring
agreement-kind-renewal = Förnyelse

agreement-status-awaiting_acceptance = Väntar på parternas godkännande
agreement-status-awaiting_funder = Väntar på finansiärens beslut
agreement-status-not_yet_valid = Godkänt, träder i kraft senare
agreement-status-in_force = I kraft
agreement-status-expired = Upphört
agreement-status-superseded = Ersatt av en nyare version
agreement-status-rejected = Finansiärens negativa beslut

acceptances-heading = Godkännanden
accepted-on = Godkänt
acceptance-method = Sätt
not-yet-accepted = Ännu inte godkänt
acceptance-method-in_app = Godkänt i tjänsten
acceptance-method-paper = Undertecknat på papper
accept-on-behalf = Godkänn avtalet för aktören { $actor }.
accept-button = Godkänn avtalet
paper-legend = Registrera ett undertecknat pappersexemplar
field-signed-on = Underskriftsdatum
paper-button = Registrera underskriften
print-button = Skriv ut avtalet

attachments-heading = Bilagor
attachments-none = Inga bilagor.
field-attachment = Bilaga
attachment-hint = En PDF-, ODT-, DOCX- eller XLSX-fil, högst 20 MB.
attach-button = Lägg till bilaga

notice-accepted = Godkännandet registrerades.
notice-attached = Bilagan lades till.
notice-attachment-removed = Bilagan togs bort.

timeline-transition = Fasen byttes
timeline-agreement_created = En avtalsversion upprättades
timeline-accepted = En part godkände avtalet
timeline-funder_decision = Finansiärens beslut registrerades
timeline-in_force = Avtalet trädde i kraft
timeline-commitment_added = Ett åtagande lades till
timeline-commitment_updated = Läget för ett åtagande uppdaterades
timeline-deliverable_added = En leverans lades till
timeline-deliverable_submitted = En leverans lämnades in för granskning
timeline-deliverable_reviewed = En leverans granskades
timeline-grant_recorded = Uppgifterna om understödet registrerades

error-already-accepted = Den här parten har redan godkänt avtalet.
error-no-funder-decision-pending = Avtalet väntar inte på något beslut av finansiären.
error-attachment-empty = Välj den fil som ska skickas.
error-attachment-too-large = Filen är för stor. En bilaga får vara högst 20 MB.
error-attachment-type = Filen är inte en PDF-, ODT-, DOCX- eller XLSX-fil. Spara den i något av dessa format.
notice-agreement-created = Avtalsversionen sparades och skickades till parterna för godkännande.
bytes = B
kilobytes = kB
megabytes = MB
attachment-remove-button = Ta bort
attachment-remove-confirm = Vill du ta bort bilagan ”{ $name }”? Det går inte att ångra.
