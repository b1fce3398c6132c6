import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type PractitionerCode, type TurnInput } from '../../server/rubric/index.ts';

// Dutch practitioner rules as specifications: for each code, sentences a Dutch physiotherapy
// student might say that must get it as the turn's main behaviour, and sentences that must not.
// Both je/jij and u, spoken Dutch (nou, gewoon, eigenlijk, toch) and missing accents. Our own
// sentences; `before` gives the turns that come first when context matters (permission, echo).

const rubric = loadRubrics();

interface Row {
  text: string;
  before?: TurnInput[];
}
const client = (text: string): TurnInput => ({ speaker: 'client', text });
const practitioner = (text: string): TurnInput => ({ speaker: 'practitioner', text });

function primaryOf({ text, before = [] }: Row): PractitionerCode | null {
  const { turns } = codeTranscript([...before, practitioner(text)], { rubric, language: 'nl' });
  return turns.at(-1)!.primary;
}

const table: Record<PractitionerCode, { must: Row[]; mustNot: Row[] }> = {
  OQ: {
    must: [
      { text: 'Wat maakt het voor jou zo lastig om te beginnen?' },
      { text: 'Hoe kijkt u zelf tegen die oefeningen aan?' },
      { text: 'Waarom wil je eigenlijk weer gaan hardlopen?' },
      { text: 'Welke dingen zou je weer willen kunnen doen?' },
      { text: 'In hoeverre past dit schema bij uw werkweek?' },
      { text: 'Vertel eens, hoe was de afgelopen week?' },
      { text: 'Kunt u daar wat meer over vertellen?' },
      { text: 'Nou, wat zou er moeten gebeuren om het wel vol te houden?' },
      { text: 'Oke, en hoe ging dat dan?' },
      { text: 'Als je vooruitkijkt naar de zomer, wat hoop je dan te kunnen?' },
      { text: 'Wanneer je aan de komende maanden denkt, wat hoop je dan te kunnen?' },
      { text: 'Wat weet u al over artrose?' },
      { text: 'Ik ben benieuwd wat jou het meest motiveert.' },
      { text: 'Hoe zou uw leven eruitzien als de pijn minder was?' },
      // Van meerdere vragen beslist de laatste: daar antwoordt de cliënt op.
      { text: 'Is het de knie? Wat maakt de trap nog meer lastig?' },
      { text: 'Sandra, kun je een voorbeeld geven van een moment dat je knie je tegenhield?' },
      { text: 'Waar zou je het liefst beginnen?' },
    ],
    mustNot: [
      { text: 'Wat brengt je hier? Is het de knie?' },
      { text: 'Hoe vaak per week loop je?' },
      { text: 'Heeft u vandaag pijn?' },
      { text: 'Wat fijn dat je weer kunt fietsen!' },
      { text: 'Hoe knap dat u dat volgehouden heeft.' },
      { text: 'Wat zou jij vandaag willen bespreken?' },
    ],
  },
  CQ: {
    must: [
      { text: 'Wat voor pijnstillers neemt u?' },
      // Een hapering ("vaak-vaak") laat spaties achter die de enkele spaties van een regel niet mogen breken.
      { text: 'Hoe vaak-vaak loop je per week?' },
      { text: 'Hoe heet je fysiotherapeut?' },
      { text: 'Wanneer je naar je werk loopt, hoe lang doe je daar dan over?' },
      { text: 'Ik vraag me af, heb je al gemerkt dat de zwelling minder wordt?' },
      { text: 'Ik vraag me af of je zorgen hebt over de operatie.' },
      { text: 'Heb je de oefeningen gedaan?' },
      { text: 'Doet het pijn als u bukt?' },
      { text: 'Is het beter geworden sinds vorige week?' },
      { text: 'Lukt het om elke dag te wandelen?' },
      { text: 'Hoe lang kunt u zonder pijn staan?' },
      { text: 'Hoeveel trappen loop je op een dag?' },
      { text: 'Wanneer bent u geopereerd?' },
      { text: 'Je wilt weer gaan tennissen, toch?' },
      { text: 'Dat scheelt wel, of niet?' },
      { text: 'Rookt u nog steeds?' },
      { text: 'Zou je dat nog een keer willen proberen?' },
      { text: 'Fiets je liever binnen of buiten?' },
      { text: 'Gebruikt u nog pijnstillers?' },
    ],
    mustNot: [
      { text: 'Hoe gaat het met je knie?' },
      { text: 'Wat heeft u deze week gemerkt?' },
      { text: 'Vertel eens wat meer over je werk.' },
      { text: 'Mag ik u iets vertellen over de oefeningen?' },
      { text: 'Dus je hebt de oefeningen twee keer gedaan?' },
    ],
  },
  SR: {
    must: [
      { text: 'Dus je loopt nu elke dag naar de bakker.', before: [client('Ik loop nu elke dag naar de bakker.')] },
      { text: 'U merkt dat de trap steeds zwaarder wordt.', before: [client('De trap wordt steeds zwaarder.')] },
      { text: 'Je zegt dat je geen tijd hebt.', before: [client('Ik heb daar gewoon geen tijd voor.')] },
      { text: 'Dus de oefeningen zijn blijven liggen.', before: [client('Ja, die oefeningen zijn een beetje blijven liggen.')] },
      { text: 'Je bedoelt dat het schema te lang is.', before: [client('Het schema is gewoon te lang.')] },
      { text: 'Uw knie is vooral \'s ochtends stijf.', before: [client('Vooral \'s ochtends is mijn knie zo stijf.')] },
      { text: 'Je bent gestopt met de oefeningen.', before: [client('Ik ben gestopt met de oefeningen.')] },
      { text: 'Oké, dus u fietst niet meer naar uw werk.', before: [client('Ik fiets niet meer naar mijn werk.')] },
      { text: 'Als ik het goed begrijp, heeft u vooral last na het werk.', before: [client('Na het werk heb ik de meeste last.')] },
      { text: 'Met andere woorden: het wandelen lukt wel, het fietsen niet.' },
      // Grotendeels de eigen woorden van de cliënt is eenvoudig, in welke vorm ook (MITI 4.2.1).
      { text: 'Het klinkt alsof je weer wilt hardlopen met je loopgroep.', before: [client('Ik wil weer hardlopen met mijn loopgroep.')] },
      { text: 'Je voelt dat je je team in de steek laat.', before: [client('Ik laat mijn hele team in de steek.')] },
    ],
    mustNot: [
      { text: 'Het klinkt alsof je je met de loopgroep pas echt jezelf voelt.', before: [client('Ik wil weer hardlopen met mijn loopgroep.')] },
      { text: 'Je moet de oefeningen gewoon elke dag doen.' },
      { text: 'Loop je elke dag naar de bakker?' },
      { text: 'Dus wat ga je nu doen?' },
      { text: 'Dus je moet echt meer bewegen.' },
      { text: 'Heb je de oefeningen gedaan?' },
    ],
  },
  CR: {
    must: [
      { text: 'Het zit je echt dwars dat je niet meer kunt voetballen.' },
      { text: 'Dus dat was echt een wake-upcall vandaag.', before: [client('De dokter liet me de scan zien en ik zat daar maar.')] },
      { text: 'Het klinkt alsof je de moed een beetje kwijt bent.' },
      { text: 'U bent bang dat u uw knie verder beschadigt.' },
      { text: 'Je voelt je in de steek gelaten door je eigen lichaam.' },
      { text: 'Aan de ene kant wil je graag weer sporten, aan de andere kant ben je bang voor een nieuwe blessure.' },
      { text: 'Enerzijds helpen de pillen, anderzijds wilt u er liever niet van afhankelijk zijn.' },
      { text: 'Je maakt je zorgen over wat er gebeurt als je niet meer kunt werken.' },
      { text: 'Het frustreert u dat het herstel zo lang duurt.' },
      { text: 'Je zult dus nooit meer kunnen hardlopen.' },
      { text: 'Eigenlijk wil je gewoon weer jezelf zijn.' },
      { text: 'Voor u betekent zelfstandig blijven heel veel.' },
      { text: 'Het lijkt erop dat je er al een tijdje mee rondloopt.' },
      { text: 'Je wilt wel weer gaan wandelen, maar de pijn houdt je tegen.' },
      { text: 'Wat rot voor je.' },
      // Kort, maar in woorden die de cliënt niet gebruikte (zoals "You don't trust your back anymore").
      { text: 'Je vertrouwt je rug niet meer.', before: [client('Ik ben bang om te bukken.')] },
      { text: 'De avonden voelen leeg.', before: [client('Ik zit de hele avond op de bank.')] },
    ],
    mustNot: [
      { text: 'Ben je bang dat het erger wordt?' },
      { text: 'Onderzoek laat zien dat angst voor bewegen vaak meer beperkt dan de pijn zelf.' },
      { text: 'Je hoeft niet bang te zijn om te bewegen.' },
      { text: 'Het lijkt me verstandig om rustig op te bouwen.' },
      { text: 'Je bent bang dat het erger wordt, toch?' },
      { text: 'Je laat elke ochtend de hond uit.', before: [client('Ik laat elke ochtend de hond uit.')] },
      // Alleen de woorden van de cliënt, met stopwoorden: niets nieuws, dus eenvoudig.
      { text: 'U zou dus door kunnen gaan.', before: [client('Dan zou ik dus gewoon door kunnen gaan.')] },
    ],
  },
  SUM: {
    must: [
      { text: 'Als ik het even samenvat: je wilt weer kunnen fietsen, je werk kost veel energie en je twijfelt of de oefeningen helpen.' },
      { text: 'Even op een rij: u heeft pijn bij het opstaan, u mist het wandelen en u wilt geen operatie.' },
      { text: 'Samenvattend: het gaat beter, maar je bent nog voorzichtig.' },
      { text: 'Laat me even samenvatten wat ik gehoord heb.' },
      { text: 'Wat ik tot nu toe hoor is dat uw kleinkinderen en uw zelfstandigheid de grote redenen zijn.' },
      { text: 'Je hebt een aantal dingen genoemd: de pijn, je werk en je zoontje.' },
      { text: 'Oké, als ik alles op een rijtje zet, dan wilt u wel, maar weet u niet waar te beginnen.' },
      { text: 'Kort samengevat: geen tijd, weinig energie, maar wel de wens om fitter te worden.' },
    ],
    mustNot: [
      { text: 'Mag ik even samenvatten?' },
      { text: 'Wat nog meer?' },
      { text: 'Dus je wilt weer fietsen.' },
    ],
  },
  AF: {
    must: [
      { text: 'Je hebt al veel geprobeerd en je bent er nog steeds.' },
      { text: 'Je hebt hier echt hard aan gewerkt.' },
      { text: 'Het is je gelukt om deze week elke dag te lopen, ondanks de pijn.' },
      { text: 'Dat je vandaag gekomen bent, zegt al veel.' },
      { text: 'Je hebt deze week drie keer geoefend, terwijl het zwaar was.' },
      { text: 'Knap dat je toch drie keer bent gaan zwemmen.' },
      { text: 'Je hebt echt doorgezet, ook toen het tegenzat.' },
      { text: 'Wat sterk dat u zelf een oplossing heeft bedacht.' },
      { text: 'U heeft deze week echt uw best gedaan.' },
      { text: 'Je bent duidelijk iemand die niet snel opgeeft.' },
      { text: 'Dat getuigt van veel doorzettingsvermogen.' },
      { text: 'Goed dat je zo eerlijk bent over hoe het ging.' },
      { text: 'Dat is een flinke stap vooruit.' },
      { text: 'Petje af, hoor.' },
      { text: 'Ik bewonder hoe u voor uw man zorgt en toch tijd voor uzelf maakt.' },
    ],
    mustNot: [
      { text: 'Goed zo.' },
      { text: 'Heb je hard gewerkt aan de oefeningen?' },
      { text: 'Goedemorgen.' },
      { text: 'Super!' },
      { text: 'Fijn dat u er bent.' },
    ],
  },
  SEEK: {
    must: [
      { text: 'Mag ik je vertellen wat andere patiënten helpt?' },
      { text: 'Vindt u het goed als ik iets uitleg over pijn?' },
      { text: 'Zou je het goed vinden als ik een paar ideeën met je deel?' },
      { text: 'Wil je wat tips over hoe je het kunt inbouwen?' },
      { text: 'Waar wil je het vandaag over hebben?' },
      { text: 'Waar zullen we mee beginnen?' },
      { text: 'Laten we samen kijken wat voor u haalbaar is.' },
      { text: 'Hoe klinkt dat?' },
      { text: 'Wat vind je daarvan?' },
      { text: 'Is het goed als ik even mijn zorg uitspreek en toelicht?' },
    ],
    mustNot: [
      { text: 'Je moet meer rusten.' },
      { text: 'Mag ik vragen hoe oud u bent?' },
      { text: 'Wat wil je?' },
      { text: 'Heb je de oefeningen gedaan?' },
    ],
  },
  AUTO: {
    must: [
      { text: 'Jij bent degene die bepaalt wat past.' },
      { text: 'Het is jouw keuze.' },
      { text: 'Uiteindelijk bepaalt u zelf wat u doet.' },
      { text: 'Jij weet zelf het beste wat bij je past.' },
      { text: 'Het is aan jou of je het schema aanpast.' },
      { text: 'U kent uw lichaam beter dan wie ook.' },
      { text: 'Je hoeft nu nog niets te beslissen.' },
      { text: 'Jij bent de baas over je eigen herstel.' },
      { text: 'Dat is helemaal uw eigen beslissing.' },
      { text: 'Je mag ook nee zeggen, hoor.' },
      { text: 'Of je de oefeningen doet, bepaal jij.' },
      { text: 'Wanneer u begint, beslist u zelf.' },
    ],
    mustNot: [
      { text: 'Je moet vandaag beslissen.' },
      { text: 'Wat kies je?' },
      { text: 'Wat bepaal jij?' },
      { text: 'Je moet echt elke dag oefenen.' },
    ],
  },
  GI: {
    must: [
      { text: 'Wandelen is heel gezond.' },
      { text: 'Een kwartiertje fietsen is ook goed voor je knie.' },
      { text: 'Onderzoek laat zien dat wandelen bij artrose de pijn vermindert.' },
      { text: 'Bij een hernia is het herstel meestal binnen drie maanden.' },
      { text: 'Pijn betekent niet dat er schade is.' },
      { text: 'Spieren worden sterker als je ze geleidelijk belast.' },
      { text: 'De meeste patienten met nekpijn merken na een paar weken verbetering.' },
      { text: 'De behandeling wordt vergoed vanuit de aanvullende verzekering.' },
      { text: 'Dat is heel normaal in de eerste weken na de operatie.' },
      { text: 'Die pijn komt vaak doordat de spieren rond de heup zwak zijn.' },
      { text: 'Uit onderzoek blijkt dat rust bij lage rugpijn het herstel vertraagt.' },
      { text: 'De praktijk is op woensdagavond ook open.' },
    ],
    mustNot: [
      { text: 'Je moet bij artrose gewoon blijven bewegen.' },
      { text: 'Wat weet u al over rugpijn?' },
      { text: 'Je zou eens moeten gaan zwemmen.' },
    ],
  },
  PWP: {
    must: [
      { text: 'Veel mensen beginnen met een korte wandeling na het eten.', before: [client('Wat moet ik doen volgens jou?')] },
      { text: 'Je zou kunnen beginnen met vijf minuten per dag.', before: [practitioner('Mag ik je een suggestie doen?'), client('Ja, graag.')] },
      { text: 'Probeer de oefeningen eens na het tandenpoetsen te doen.', before: [practitioner('Vind je het goed als ik een tip geef?'), client('Ja hoor.')] },
      { text: 'Ik zou u aanraden om met de fiets te beginnen.', before: [client('Wat kan ik het beste doen, denkt u?')] },
      { text: 'Het is belangrijk dat je de belasting rustig opbouwt.', before: [client('Heeft u tips voor mij?')] },
      { text: 'Je moet dan vooral niet te snel willen.', before: [practitioner('Zal ik je wat advies geven?'), client('Graag.')] },
      { text: 'Sommige mensen vinden het fijn om met een maatje te wandelen, wat denk jij?' },
      { text: 'Andere patiënten kiezen ervoor om de oefeningen in de pauze te doen.' },
      { text: 'Er zijn een paar mogelijkheden: zwemmen, fietsen of een wandelgroep.' },
      { text: 'Als u wilt, kunt u het schema op de koelkast hangen.' },
      { text: 'Je zou eventueel met een korte wandeling kunnen beginnen, maar jij kiest.' },
      { text: 'Misschien kun je de trap nemen, als dat bij je past.' },
      { text: 'Misschien kunt u eens proberen om na het eten te wandelen.' },
    ],
    mustNot: [
      // A suggestion without permission, hedge or choice handed back: the righting reflex.
      { text: 'Je zou kunnen proberen om de trap te nemen.' },
      { text: 'Je moet de oefeningen twee keer per dag doen.' },
      { text: 'Ik raad u aan om meer te bewegen.' },
      { text: 'Het is belangrijk dat je blijft bewegen.' },
    ],
  },
  RR: {
    must: [
      { text: 'Ik maak me zorgen om je knie.' },
      // Bijzin: het werkwoord staat achteraan ("dat je echt moet stoppen").
      { text: 'Ik denk dat je echt moet stoppen met roken.' },
      { text: 'Je moet echt meer gaan bewegen.' },
      { text: 'U zou eigenlijk elke dag moeten wandelen.' },
      { text: 'Het is belangrijk dat u de oefeningen blijft doen.' },
      { text: 'Ik raad je aan om de lift te laten staan.' },
      { text: 'Probeer gewoon elke avond even te rekken.' },
      { text: 'Je kunt beter niet te lang stilzitten.' },
      { text: 'Als je niet gaat oefenen, dan wordt je rug alleen maar zwakker.' },
      { text: 'Anders krijgt u straks nog meer klachten.' },
      { text: 'Vind je niet dat je wat vaker zou moeten fietsen?' },
      { text: 'Zou het niet beter zijn als u wat afvalt?' },
      { text: 'Waarom probeer je niet eens te zwemmen?' },
      { text: 'Moet je niet eens wat vaker gaan fietsen?' },
      { text: 'Stop nou gewoon met roken.' },
      { text: 'Zorg dat je elk uur even opstaat.' },
      { text: 'Je zou kunnen proberen om de trap te nemen.' },
      { text: 'Je zou een ongeluk kunnen krijgen.' },
      { text: 'U kunt zo in het ziekenhuis belanden.' },
    ],
    mustNot: [
      { text: 'Je bent bang dat je geblesseerd zou kunnen raken.' },
      { text: 'Je weet nog niet goed waar je moet beginnen.' },
      { text: 'Je bent het zat dat anderen zeggen wat je moet doen.' },
      { text: 'Misschien kun je de trap nemen, als dat bij je past.' },
      { text: 'Je hebt het gevoel dat je nu echt moet stoppen.' },
      { text: 'Je zegt dat je eigenlijk meer zou moeten bewegen.', before: [client('Ik zou eigenlijk meer moeten bewegen.')] },
      { text: 'Wat zou je willen veranderen?' },
      { text: 'Neemt u maar plaats.' },
      { text: 'Je moet het zelf weten.' },
      { text: 'Je zou kunnen beginnen met vijf minuten per dag.', before: [practitioner('Mag ik je een suggestie doen?'), client('Ja, graag.')] },
    ],
  },
  CON: {
    must: [
      { text: 'Dat is gewoon een excuus.' },
      { text: 'Je luistert gewoon niet.' },
      { text: 'Waarom doe je het dan niet?' },
      { text: 'Waarom heeft u de oefeningen weer niet gedaan?' },
      { text: 'Je bent gewoon lui.' },
      { text: 'Nee, dat klopt gewoon niet.' },
      { text: 'Dat heb ik je vorige keer toch al uitgelegd.' },
      { text: 'U overdrijft een beetje.' },
      { text: 'Dat is toch onzin.' },
      { text: 'Kom op, zo erg is het niet.' },
      { text: 'Dat had je zelf kunnen weten.' },
      { text: 'Je had eerder moeten komen.' },
      { text: 'Je bent gewoon niet gemotiveerd genoeg.' },
    ],
    mustNot: [
      { text: 'Je maakt je zorgen over je hart.' },
      { text: 'Waarom is het voor u belangrijk om weer te werken?' },
      { text: 'Het is jouw keuze.' },
      { text: 'Je vindt dat je eerder had moeten komen.', before: [client('Ik had eigenlijk eerder moeten komen.')] },
      { text: 'Had je eerder willen komen?' },
    ],
  },
  NC: {
    must: [
      { text: 'Hm-hm.' },
      { text: 'Goedemiddag, komt u maar binnen.' },
      { text: 'Oké, prima.' },
      { text: 'Ja.' },
      { text: 'Dank je wel.' },
      { text: 'Tot volgende week!' },
      { text: 'Ik schrijf het even op.' },
      { text: 'Goed zo.' },
      { text: 'Mm.' },
      { text: 'Oké, geen probleem.' },
    ],
    mustNot: [
      { text: 'Oké. Wat brengt je hier vandaag?' },
      { text: 'Goedemorgen, hoe gaat het met uw rug?' },
      { text: 'Knap dat je er ondanks de pijn bent.' },
    ],
  },
};


// More rows written separately from the rules (regression rows: each once coded wrongly).
const more: Partial<Record<PractitionerCode, string[]>> = {
  OQ: [
    'Wat heeft u er tot nu toe zelf al aan gedaan?',
    'Hoe reageert je omgeving daarop?',
    'Wat zou je zelf willen proberen?',
    'Wat zou u zelf willen proberen, en wanneer?',
    'Hoe was dat voor je?',
    'Als u aan uw kleinkinderen denkt, wat denkt u dat zij zouden zeggen?',
    'hoe gaat het met de oefeningen',
    'wat zou je helpen om het vol te houden',
    'en wat vind je daar zelf van',
    'Wat is voor u het belangrijkste?',
    'Hoe zou het zijn als u over een half jaar weer kunt fietsen?',
    'Oké. Wat zou u zelf graag willen bereiken met de fysiotherapie?',
    'Je zegt dat het lastig is. Wat maakt het precies lastig?',
    'Hoe zou je het vinden om daar eens mee te experimenteren?',
    'Welke rol speelt roken eigenlijk in je dag?',
    'Wat heeft u ervan weerhouden om de oefeningen te doen?',
    'Stel dat je over een jaar terugkijkt, wat zou je dan graag zien?',
    'Wat zijn de minder leuke kanten van niet bewegen?',
    'Wat brengt u hier vandaag?',
    'Hoe gaat het nu met de pijn in je schouder?',
    'Wat zijn voor jou de voordelen als je weer gaat sporten?',
    'Hoe ziet dat eruit, zo\'n gewone werkdag?',
    'Wat heeft je in het verleden geholpen om iets vol te houden?',
    'Waar loop je het meest tegenaan?',
    'Wat zou er anders zijn als je weer zonder pijn kon lopen?',
    'Wat maakt dat je het toch belangrijk vindt?',
    'Hoe voelt dat voor u?',
    'En wat vond je vrouw ervan?',
    'Wat zou voor jou een eerste stap kunnen zijn, denk je?',
  ],
  CQ: [
    'Lukt het een beetje met de trap?',
    'Bent u daar wel eens mee gevallen?',
    'Mag ik even aan je knie voelen?',
    'Op een schaal van 0 tot 10, hoe belangrijk is het voor u?',
    'Welk cijfer geef je jezelf?',
    'Ik vraag me af of uw man het verschil zou merken.',
    'heb je de oefeningen gedaan',
    'doet het nog pijn',
    'rookt u nog',
    'Gaat u nog naar uw werk?',
    'Heeft u daar hulp bij?',
    'Heeft u er nog vragen over?',
    'Is dat ook zo als u fietst?',
    'Doet u dat dan elke dag?',
    'Bent u bang om te vallen?',
    'Heb je het schema nog?',
    'Sport je nog?',
    'Is dat bij het opstaan of meer \'s avonds?',
    'Zit u veel?',
    'Neemt u de trap of de lift?',
  ],
  SEEK: [
    'Zou u het goed vinden als we het daar even over hebben?',
    'mag ik je wat tips geven',
    'zullen we samen een plan maken',
    'Zou u het fijn vinden als we het schema wat aanpassen?',
    'Wat vind jij, zullen we het schema samen aanpassen?',
    'Mag ik met u meedenken?',
    'Zou je het goed vinden als ik iets vertel over wat we bij artrose weten?',
    'Wil je dat ik het nog een keer voordoe?',
    'Zullen we samen een plan maken?',
    'Mag ik iets voorstellen?',
  ],
  CON: [
    'Ja, maar dat zegt u elke week.',
    'dat is gewoon een smoesje',
    'waarom heb je het dan niet gedaan',
    'Als u zo blijft klagen, komen we niet verder.',
    'Tja, dan heeft het ook weinig zin dat je hier komt.',
    'U wilt wel beter worden, maar u doet er niks voor.',
    'Dat zeiden mijn andere patiënten ook, en die zijn wel gestopt.',
    'Dat is toch niet zo moeilijk?',
    'Dat zeg je elke keer.',
    'Nou, dan moet je het zelf maar weten.',
    'Je maakt jezelf wat wijs.',
    'Je hebt het toch zelf in de hand?',
  ],
  SR: [
    'U wandelt dus alleen als het mooi weer is.',
    'Je werkt fulltime en je hebt twee kinderen.',
    'dus je hebt geen tijd',
    'je loopt elke dag met de hond',
    'Je hebt weinig tijd.',
    'U heeft dus al veel geprobeerd.',
    'Dus die oefeningen doe je alleen als je er zin in hebt.',
    'Dus het werk gaat nu voor.',
    'Je rookt vooral als je gestrest bent.',
    'U loopt nu met een stok.',
    'Jullie wandelen elke zondag.',
  ],
  CR: [
    'Je wilt niet opgeven, ook al is het zwaar.',
    'Het voelt voor u alsof u er alleen voor staat.',
    'Dat is een hele stap voor je.',
    'En u fietst sinds de operatie eigenlijk helemaal niet meer naar uw werk?',
    'het klinkt alsof je er een beetje klaar mee bent',
    'je bent bang dat het weer mis gaat',
    'U heeft het gevoel dat het niet opschiet.',
    'U bent eigenlijk best bezorgd over uw conditie.',
    'Het werk is nu gewoon erg zwaar voor je.',
    'U bent het zat om afhankelijk te zijn van pijnstillers.',
    'Je wilt laten zien dat je het zelf kunt.',
    'Dus eigenlijk staat de pijn tussen jou en je kleinkinderen in.',
    'Het lijkt wel alsof alles om de pijn draait.',
    'U zou het liefst een knop omzetten en klaar.',
    'Het voelt alsof je lichaam je in de steek laat.',
    'U wilt vooral niet afhankelijk worden van anderen.',
    'Je bent eigenlijk best trots op wat je al bereikt hebt.',
    'Je zit er echt mee, hè.',
    'Je wilt het wel, maar je weet niet of je het volhoudt.',
    'Dat is best een zware periode voor u.',
    'Je bent het zat om steeds pijn te hebben.',
  ],
  SUM: [
    'Samengevat: u wilt weer zelfstandig boodschappen doen, u bent bang om te vallen en u twijfelt of oefenen helpt. Klopt dat?',
    'Oké, even samenvatten: je wilt weer voetballen, je bent bang voor een nieuwe blessure en je trainer zet je onder druk.',
  ],
  AF: [
    'Wat mooi dat u zo voor uw vrouw zorgt.',
    'Je bent hier toch maar mooi elke week.',
    'knap dat je het toch geprobeerd hebt',
    'goed van je dat je eerlijk bent',
    'U heeft al veel zelf uitgezocht, dat is mooi om te zien.',
    'Dat je vandaag toch gekomen bent terwijl je zoveel pijn had, dat zegt veel over je.',
    'U heeft echt een goede manier gevonden om het in te passen.',
    'Je bent heel duidelijk over wat je wel en niet wilt.',
    'Je hebt het toch maar mooi drie keer gedaan.',
    'Wat knap dat u ondanks de pijn bent blijven wandelen.',
    'Je denkt er echt goed over na.',
    'U bent heel eerlijk, dat waardeer ik.',
  ],
  AUTO: [
    'Wat u ermee doet, bepaalt u helemaal zelf.',
    'het is jouw keuze hoor',
    'jij bepaalt zelf hoe snel je gaat',
    'Jij kiest zelf wat bij je past.',
    'U kunt zelf beslissen of u het wilt proberen.',
    'Jij bepaalt het tempo.',
    'Of je het doet, is helemaal aan jou.',
    'U hoeft niets, het is uw keuze.',
  ],
  GI: [
    'Krachttraining helpt ook bij ouderen om vallen te voorkomen.',
    'U krijgt van mij een oefenschema mee.',
    'Je mag de oefeningen stoppen als de pijn na een uur nog niet weg is.',
    'U kunt mij altijd bellen als er iets is.',
    'Bij deze oefening span je de bovenbeenspier aan en houd je dat tien tellen vast.',
    'Wist je dat lang stilzitten je rug juist stijver maakt?',
    'bij lage rugpijn is bewegen juist goed',
    'uit onderzoek blijkt dat oefentherapie werkt bij artrose',
    'Een verstuikte enkel is vaak na zes weken weer stabiel.',
    'Veel mensen met chronische pijn hebben baat bij een vast dagritme.',
    'Na een kruisbandoperatie duurt het herstel gemiddeld negen maanden.',
    'Stoppen met roken verbetert de doorbloeding van je pezen.',
    'Artrose is slijtage van het kraakbeen, maar bewegen houdt het gewricht juist soepel.',
    'Roken vertraagt de wondgenezing na een operatie.',
    'Bij de meeste mensen duurt het herstel zes tot twaalf weken.',
    'Een beetje spierpijn na het oefenen is normaal.',
  ],
  RR: [
    'Dan moet u echt die rollator gaan gebruiken.',
    'Ik wil dat je die oefeningen elke dag doet, ook in het weekend.',
    'U moet stoppen als het te veel pijn doet.',
    'je moet echt elke dag oefenen',
    'gewoon doen',
    'probeer het gewoon',
    'ik zou het wel doen als ik jou was',
    'U kunt het beste eerst de pijnstillers afbouwen.',
    'U moet het echt rustig opbouwen.',
    'Eerst de oefeningen doen, dan pas weer voetballen.',
    'Het zou goed zijn als u elke dag wandelt.',
    'Ik wil dat je die oefeningen twee keer per dag doet.',
    'Luister, als je nu niet stopt, heb je straks echt een probleem.',
    'U moet echt stoppen met roken.',
    'Je moet niet zo bang zijn.',
    'Begin gewoon met tien minuten per dag.',
    'Het beste is als u elke dag een stukje loopt.',
    'Als je zo doorgaat, heb je over een paar jaar een nieuwe knie nodig.',
    'Ik zou in jouw plaats toch echt wat meer bewegen.',
  ],
  NC: [
    'Ja, ik snap het.',
    'De volgende afspraak is over twee weken.',
    'Zullen we beginnen?',
    'Even je schouder bekijken.',
    'Sorry dat u moest wachten.',
    'Geen probleem.',
    'oke',
    'hmm',
    'goedemiddag',
    'top',
    'Goed, dan zie ik je donderdag.',
    'Even kijken hoor.',
    'Oké, dank je wel voor het vertellen.',
    'Goedemiddag!',
    'Oké, dan gaan we zo verder.',
    'Ja ja.',
  ],
  PWP: [
    'Heeft u er al eens aan gedacht om te gaan zwemmen?',
    'Wat denk je ervan om na het eten een rondje te lopen?',
    'Een mogelijkheid is om met een fysiotherapeut in de buurt te gaan wandelen, maar u bepaalt.',
  ],
};

describe('Dutch practitioner rules', () => {
  for (const [code, { must, mustNot }] of Object.entries(table) as [PractitionerCode, (typeof table)['OQ']][]) {
    describe(code, () => {
      it.each(must)(`codes "$text" as ${code}`, (row) => {
        expect(primaryOf(row)).toBe(code);
      });
      it.each(mustNot)(`does not code "$text" as ${code}`, (row) => {
        expect(primaryOf(row)).not.toBe(code);
      });
      it.each(more[code] ?? [])(`codes "%s" as ${code}`, (text) => {
        expect(primaryOf({ text })).toBe(code);
      });
    });
  }
});

describe('Dutch practitioner context', () => {
  const advice = 'Je zou kunnen beginnen met tien minuten wandelen na het eten.';

  it('codes advice as PWP after the student asked permission, and as RR without it', () => {
    expect(primaryOf({ text: advice, before: [practitioner('Mag ik u een tip geven?'), client('Ja, hoor.')] })).toBe('PWP');
    expect(primaryOf({ text: advice, before: [client('Mijn knie doet pijn.')] })).toBe('RR');
  });

  it('codes advice as PWP after the client asked for it', () => {
    expect(primaryOf({ text: advice, before: [client('Wat moet ik dan doen?')] })).toBe('PWP');
  });

  it('lets permission lapse after a few turns (MITI 4.2.1)', () => {
    const before = [
      practitioner('Mag ik je iets vertellen over bewegen bij artrose?'),
      client('Ja, hoor.'),
      practitioner('Oké.'),
      client('Ik weet het niet.'),
      practitioner('Hm-hm.'),
      client('Ik heb het ook zo druk.'),
    ];
    expect(primaryOf({ text: advice, before })).toBe('RR');
  });

  it('counts permission asked earlier in the same turn', () => {
    expect(primaryOf({ text: 'Mag ik u iets aanraden? Probeer eens elke ochtend vijf minuten te fietsen.' })).toBe('PWP');
  });

  it('names the Dutch rule that fired', () => {
    const { turns } = codeTranscript([practitioner('Het is uiteindelijk jouw keuze.')], { rubric, language: 'nl' });
    expect(turns[0]!.codes[0]!.rule).toBe('nl.auto.choice');
    expect(turns[0]!.codes[0]!.explanation).toMatch(/keuze/);
  });

  it('codes each utterance of a longer turn', () => {
    const { turns } = codeTranscript([practitioner('Oké. Je bent bang dat het erger wordt. Wat zou je helpen?')], {
      rubric,
      language: 'nl',
    });
    expect(turns[0]!.codes.map((c) => c.code)).toEqual(['CR', 'OQ']);
  });

  it('treats a sentence without accents like one with them', () => {
    expect(primaryOf({ text: 'Andere patienten vinden het prettig om de oefeningen bij het journaal te doen.' })).toBe('PWP');
    expect(primaryOf({ text: 'Oke, en wat betekent dat voor je?' })).toBe('OQ');
  });
});
