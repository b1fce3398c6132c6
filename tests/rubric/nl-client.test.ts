import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type TalkSubtype, type TalkType, type TurnInput } from '../../server/rubric/index.ts';

// Dutch client rules as specifications: change talk per DARN-CAT subtype, sustain talk and
// neutral talk, each with rows that must and must not get it. Our own sentences, as Dutch
// physiotherapy patients say them (nou, ja, maar, eigenlijk, gewoon, toch). Negations matter:
// "ik wil niet" is sustain talk, "ik wil niet dat het erger wordt" change talk; what follows the
// last "maar" counts. `before` gives the preceding turns when the answer only means something in
// context ("Ja, dat wel." after a question about change).

const rubric = loadRubrics();
const practitioner = (text: string): TurnInput => ({ speaker: 'practitioner', text });
const client = (text: string): TurnInput => ({ speaker: 'client', text });

interface Row {
  text: string;
  before?: TurnInput[];
}

function talkOf({ text, before = [] }: Row) {
  const { turns } = codeTranscript([...before, client(text)], { rubric, language: 'nl' });
  const t = turns.at(-1)!;
  return { talk: t.talk, subtype: t.talkSubtype };
}

const change: Record<TalkSubtype, Row[]> = {
  desire: [
    { text: 'Ik wil gewoon weer met mijn kleindochter naar de speeltuin kunnen.' },
    { text: 'Ik zou zo graag weer een rondje om het meer lopen.' },
    { text: 'Eigenlijk wil ik best wel weer gaan zwemmen.' },
    { text: 'Het zou heerlijk zijn als ik weer zonder pijn kan fietsen.' },
    { text: 'Ik mis het dansen met mijn man.' },
    { text: 'Nou, ik hoop dat ik in de zomer weer kan tennissen.' },
    { text: 'Het liefst zou ik weer gewoon aan het werk gaan.' },
    { text: 'Ik wil echt van die rugpijn af.' },
    { text: 'Ja, dat wel.', before: [practitioner('Zou je graag weer willen gaan hardlopen?')] },
    { text: 'Eigenlijk wel, ja.', before: [practitioner('U mist het werken in de tuin.')] },
  ],
  ability: [
    { text: 'Ik denk dat ik het wel zou kunnen, als ik het in kleine stukjes doe.' },
    { text: 'Ik zou waarschijnlijk naar mijn werk kunnen lopen.' },
    { text: 'Ik kan best elke ochtend tien minuten vrijmaken.' },
    { text: 'Het lukt me wel om na het eten even te lopen.' },
    { text: 'Dat moet wel lukken, denk ik.' },
    { text: 'Ik denk dat ik dat wel volhoud.' },
    { text: 'Ik heb vroeger ook drie keer per week gesport.' },
    { text: 'Twee keer per week is wel te doen.' },
    { text: 'Misschien kan ik de fiets pakken in plaats van de auto.' },
    { text: 'Ik zie mezelf dat wel doen.' },
    { text: 'Ja, dat denk ik wel.', before: [practitioner('Denkt u dat u dat kunt volhouden?')] },
    { text: 'Een acht.', before: [practitioner('Hoe zeker ben je op een schaal van 0 tot 10 dat het lukt?')] },
  ],
  reasons: [
    { text: 'Dan kan ik weer met de kleinkinderen naar het strand.' },
    { text: 'Als ik wat fitter ben, heb ik ook minder last van mijn rug.' },
    { text: 'Ik merk wel dat ik me beter voel als ik wat beweeg.' },
    { text: 'Wandelen doet me eigenlijk altijd goed.' },
    { text: 'Ik wil niet dat het nog erger wordt.' },
    { text: 'Ik wil niet eindigen in een rolstoel zoals mijn vader.' },
    { text: 'Als ik niks doe, wordt mijn knie alleen maar stijver.' },
    { text: 'Ik doe het eigenlijk vooral voor mijn kinderen.' },
    { text: 'Zodat ik weer zelf de boodschappen kan doen.' },
  ],
  need: [
    { text: 'Ik moet echt iets aan mijn conditie doen.' },
    { text: 'Zo kan het echt niet langer.' },
    { text: 'Er moet gewoon iets veranderen.' },
    { text: 'Ik kan zo niet meer doorgaan, met die pijn.' },
    { text: 'Het moet anders, dat weet ik wel.' },
    { text: 'Ik moet toch echt meer bewegen.' },
    { text: 'Het is hoog tijd dat ik er iets aan doe.' },
    { text: 'Ik heb een stok achter de deur nodig.' },
  ],
  commitment: [
    { text: 'Ik ga vanaf maandag elke dag wandelen.' },
    { text: 'Ik zal de oefeningen voortaan \'s avonds doen.' },
    { text: 'Morgen begin ik gewoon.' },
    { text: 'Dat ga ik doen.' },
    { text: 'Ik neem me voor om drie keer per week te fietsen.' },
    { text: 'Ik ben van plan om me aan te melden bij de wandelclub.' },
    { text: 'Ik zet een herinnering in mijn telefoon.' },
    { text: 'Oké, afgesproken.' },
    { text: 'Ja, zeker.', before: [practitioner('Ga je het deze week proberen?')] },
  ],
  activation: [
    { text: 'Ik ben wel bereid om het te proberen.' },
    { text: 'Ik wil het best een keer proberen.' },
    { text: 'Ik sta er wel voor open.' },
    { text: 'Ik denk er serieus over na.' },
    { text: 'Ik wil er echt aan werken.' },
    { text: 'Nou, ik ben er wel aan toe, denk ik.' },
    { text: 'Ik overweeg om weer te gaan zwemmen.' },
    { text: 'Ja, eigenlijk wel.', before: [practitioner('Zou u het een week willen uitproberen?')] },
    { text: 'Waarom niet.', before: [practitioner('Sta je ervoor open om het te proberen?')] },
  ],
  taking_steps: [
    { text: 'Ik ben al minder gaan roken.' },
    { text: 'Ik heb deze week al drie keer gewandeld.' },
    { text: 'Gisteren ben ik een half uur gaan fietsen.' },
    { text: 'Ik doe nu elke ochtend mijn oefeningen.' },
    { text: 'Ik heb een paar goede wandelschoenen gekocht.' },
    { text: 'Vorige week heb ik me ingeschreven voor aquajoggen.' },
    { text: 'Het is me deze week vier keer gelukt.' },
    { text: 'Ik heb inmiddels een stappenteller op mijn telefoon gezet.' },
    { text: 'Ja, een paar keer.', before: [practitioner('Heb je de oefeningen deze week gedaan?')] },
  ],
};

const sustain: Row[] = [
  { text: 'Mijn vader rookte ook en die werd 90.' },
  { text: 'Ik vind het wel gezellig, zo’n sigaretje.' },
  { text: 'Roken is het enige wat me ontspant.' },
  { text: 'Het is niet zo erg als iedereen zegt.' },
  { text: 'Ik heb er gewoon geen tijd voor.' },
  { text: 'Het doet pijn, dus ik stop ermee.' },
  { text: 'Pijn betekent toch dat er iets kapot gaat.' },
  { text: 'Ik zie het nut er niet van in.' },
  { text: 'Ja, maar u weet niet hoe druk ik het heb.' },
  { text: 'Dat lukt mij nooit.' },
  { text: 'Ik wil die oefeningen eigenlijk niet doen.' },
  { text: 'Ik kan het niet laten.' },
  { text: 'Ik ben bang dat mijn rug weer op slot schiet.' },
  { text: 'Het werk gaat nu gewoon voor.' },
  { text: 'Daar heb ik echt geen zin in.' },
  { text: 'Die oefeningen helpen toch niet.' },
  { text: 'Ik heb de oefeningen deze week niet gedaan.' },
  { text: 'Ik ga echt niet elke dag oefenen.' },
  { text: 'Ik ben te oud voor dat soort dingen.' },
  { text: 'Dat hoort nou eenmaal bij de leeftijd.' },
  { text: 'Nu even niet, misschien na de vakantie.' },
  { text: 'Ik zou het wel willen, maar ik heb gewoon geen tijd.' },
  { text: 'Ik weet dat het goed is, maar het doet te veel pijn.' },
  { text: 'Ik ben nou eenmaal geen sporter.' },
  { text: 'Ik heb al van alles geprobeerd.' },
  { text: 'Het gaat eigenlijk best zo.' },
  { text: 'Rust is toch beter voor mijn knie.' },
  { text: 'Nee, niet echt.', before: [practitioner('Zou je graag weer willen gaan sporten?')] },
  { text: 'Ja, precies.', before: [practitioner('Je ziet er eigenlijk best tegenop.')] },
  { text: 'Ja.', before: [practitioner('Vindt u het moeilijk om de oefeningen vol te houden?')] },
];

const neutral: Row[] = [
  { text: 'Ik werk drie dagen per week in de thuiszorg.' },
  { text: 'Ik ben 58.' },
  { text: 'Het zit vooral hier, aan de binnenkant van mijn knie.' },
  { text: 'Ik weet het niet.' },
  { text: 'Goedemorgen.' },
  { text: 'Mijn dochter heeft me gebracht.' },
  { text: 'Wat moet ik dan doen?' },
  { text: 'Ik moet van de huisarts meer bewegen.' },
  { text: 'Ja, graag.', before: [practitioner('Mag ik je iets vertellen over artrose?')] },
  { text: 'Ja.', before: [practitioner('Woont u alleen?')] },
];


// More lines written separately from the rules, in the style of scenario lines (regression
// rows: most were once coded wrongly). Change lines are checked for change talk only.
const moreChange: string[] = [
  'Ik denk dat ik tien minuten in de ochtend wel zou redden.',
  'Ik weet dat ik meer zou moeten bewegen.',
  'Niks doen maakt het alleen maar erger.',
  'Het lijkt me heerlijk om weer gewoon een stuk te kunnen fietsen langs de dijk.',
  'Diep van binnen wil ik best sterker worden.',
  'Ik weet zeker dat ik tien minuten per dag kan missen.',
  'Dat krijg ik wel ingepland, denk ik.',
  'Als ik fitter ben, heb ik ook meer geduld met de kinderen.',
  'Bewegen geeft me eigenlijk altijd meer energie.',
  'Ik zie mijn vader nu in een verpleeghuis, en zo wil ik niet eindigen.',
  'Ik kan het me eigenlijk niet permitteren om nog langer thuis te zitten.',
  'Ik moet in beweging blijven, anders roest alles vast.',
  'Ik spreek met mijn buurvrouw af dat we samen gaan wandelen.',
  'Ik begin gewoon morgenochtend, voor het werk.',
  'Ik wil het best een kans geven.',
  'Misschien moet ik het gewoon eens proberen.',
  'Ik heb vanochtend al mijn rekoefeningen gedaan.',
  'Ik ben sinds vorige week elke avond een blokje om gegaan.',
  'Ik zou wel weer eens willen dansen op een feestje.',
  'Ik heb wel vaker iets nieuws geleerd, dus dit lukt me ook wel.',
  'Als mijn rug sterker is, kan ik weer met de kleinkinderen op de grond spelen.',
  'Er moet echt wat gebeuren, zo gaat het niet langer.',
  'Ik ga de wekker zetten om half acht, dan doe ik ze voor het ontbijt.',
  'Ik denk dat ik het wel wil proberen.',
  'Afgelopen week ben ik drie keer naar het zwembad geweest.',
  'Eigenlijk merk ik wel dat ik me fitter voel op de dagen dat ik even naar buiten ga.',
  'Ik zou het fijn vinden om weer zonder angst de trap af te lopen.',
  'Ik denk dat het me wel moet lukken als ik het klein houd.',
  'Mijn kleinkinderen zijn een goede reden om het toch te proberen.',
  'Het wordt tijd dat ik er echt werk van maak.',
  'Ik ga het deze week gewoon eens proberen, elke ochtend vijf minuten.',
  'Ik ben er eigenlijk wel klaar voor.',
  'Gisteren heb ik voor het eerst weer een stukje gefietst, en dat ging best goed.',
  'Als ik sterker word, kan ik misschien ook weer gaan werken.',
  'Ik wil niet dat mijn kinderen straks voor mij moeten zorgen.',
  'Ik zou zo graag weer eens een hele dag op pad kunnen zonder te hoeven rusten.',
  'Ik wil gewoon weer meedoen met mijn vrienden.',
  'Het zou toch mooi zijn als ik de Vierdaagse nog eens kan lopen.',
  'Ik heb toch ook mijn revalidatie na de heupoperatie volgehouden.',
  'Met een schema op papier kan ik dat prima.',
  'Ik denk dat ik \'s ochtends wel tien minuten kan vrijmaken.',
  'Als ik sterker word, hoef ik niet meer bang te zijn om te vallen.',
  'Ik merk dat ik minder snel moe ben sinds ik wat meer loop.',
  'Mijn zoon zou het geweldig vinden als ik weer mee kan naar de wedstrijden.',
  'Ik moet toch iets doen, zo kan ik niet blijven zitten.',
  'Eigenlijk moet ik het echt serieus gaan nemen.',
  'Vanaf morgen loop ik elke dag naar de brievenbus en terug.',
  'Ik ga het gewoon proberen, drie keer deze week.',
  'Ik wil het best een week uitproberen en dan kijken.',
  'Ik ben er eigenlijk wel klaar voor om te beginnen.',
  'Ik heb gisteren zelf de boodschappen gedaan, lopend.',
  'Ik heb de fiets weer opgepompt en een rondje gedaan.',
  'Eigenlijk zou ik het heel fijn vinden als ik weer wat sterker word.',
  'Ik wil gewoon weer mezelf zijn, weet u.',
  'Ik hoop echt dat ik straks weer kan werken.',
  'Als ik er een vast moment voor kies, lukt het me denk ik wel.',
  'Ik heb vaker moeilijke dingen aangepakt, dus dit moet ook kunnen.',
  'Tien minuten per dag, dat krijg ik wel voor elkaar.',
  'Ik merk gewoon dat ik chagrijnig word als ik te lang stilzit.',
  'Dan kan ik straks weer zelf naar de markt fietsen.',
  'Ik wil mijn kleinkinderen nog zien opgroeien.',
  'Ik moet echt iets veranderen, anders red ik het niet tot mijn pensioen.',
  'Zo kan ik niet verder, dat merk ik wel.',
  'Goed, ik ga het doen. Drie keer per week, op maandag, woensdag en vrijdag.',
  'Ik neem het mee naar huis en ik begin morgen.',
  'Ik sta er eigenlijk best voor open om het nog een keer te proberen.',
  'Ik wil het wel een kans geven.',
  'Ik heb al een paar keer de auto laten staan en ben gaan fietsen.',
  'Ik heb deze week elke avond die rekoefeningen gedaan, voor de tv.',
  'Ik zou graag weer de hond zelf uitlaten.',
  'Ik wil gewoon weer zonder nadenken de trap op lopen.',
  'Het liefst zou ik weer volleyballen met mijn team.',
  'Ik zou willen dat ik weer een hele dag kan werken zonder pijn.',
  'Vroeger liep ik elke ochtend een rondje, dus het kan wel.',
  'Tien minuten krijg ik vast wel in mijn dag gepropt.',
  'Als ik het in kleine stukjes doe, moet het lukken.',
  'Ik heb wel vaker iets volgehouden als ik het echt wilde.',
  'Dan hoef ik niet meer elke dag pillen te slikken.',
  'Mijn kleinzoon wil zo graag met opa voetballen.',
  'Als ik fitter ben, kan ik ook langer blijven werken.',
  'Ik merk dat ik beter slaap als ik overdag beweeg.',
  'Ik wil er zijn voor mijn kinderen, ook over tien jaar.',
  'Ik moet er echt iets aan doen, zo gaat het niet langer.',
  'Het kan zo niet doorgaan, ik zit hele dagen binnen.',
  'Ik moet wel, anders raak ik mijn baan kwijt.',
  'Er moet iets gebeuren, dat weet ik ook wel.',
  'Ik ga morgen de eerste keer naar het zwembad.',
  'Ik zal elke avond na het journaal mijn oefeningen doen.',
  'Volgende week begin ik met drie keer tien minuten.',
  'Ik ben wel bereid om het een paar weken te proberen.',
  'Ik wil best eens kijken of dat bij mij werkt.',
  'Ik denk dat ik eraan toe ben.',
  'Ik heb vorige week al een proefles gedaan.',
  'Ik ben gisteren zelf naar de bakker gelopen.',
  'Ik heb de oefeningen op een briefje op de koelkast gehangen.',
  'Ik rook sinds maandag nog maar vijf sigaretten per dag.',
  'Ik zou zo graag weer eens een avond met vrienden weg kunnen zonder dat ik kapot ben.',
  'Ik wil weer de oude worden.',
  'Het zou al mooi zijn als ik weer de krant kan halen.',
  'Stiekem hoop ik dat ik in de zomer weer kan hardlopen.',
  'Ik ben best een doorzetter als het erop aankomt.',
  'Een minuutje lopen kan ik wel aan, denk ik.',
  'Als ik het samen met mijn vriendin doe, lukt het vast.',
  'Ik heb die revalidatie na mijn eerste operatie ook gewoon gedaan.',
  'Ik merk dat mijn hoofd rustiger wordt als ik buiten ben geweest.',
  'Als ik stop met roken, kan ik weer een trap op zonder te hijgen.',
  'Mijn dochter gaat trouwen en ik wil dan met haar kunnen dansen.',
  'Stilzitten maakt het eigenlijk alleen maar erger, dat merk ik wel.',
  'Ik moet gewoon weer aan het werk, financieel kan het niet anders.',
  'Er moet echt wat veranderen, want zo ben ik niet gelukkig.',
  'Ik kan niet nog een jaar zo door.',
  'Ik ga het gewoon doen, elke ochtend een minuut.',
  'Morgen loop ik na het ontbijt een rondje om het huis.',
  'Ik spreek met mezelf af dat ik de lift niet meer neem.',
  'Oké, ik wil er wel voor gaan.',
  'Ik ben er klaar voor om te beginnen.',
  'Misschien ga ik het volgende week proberen.',
  'Ik ben deze week elke dag even naar buiten geweest.',
  'Ik heb mijn werkplek laten aanpassen.',
  'Gisteren heb ik voor het eerst weer de hele trap gelopen.',
  'Ik heb al twee weken niet gerookt.',
  'Ik zou het zo fijn vinden als ik weer met de kleinkinderen kan fietsen.',
  'Ik droom ervan om nog één keer de Alpe d\'Huez op te fietsen.',
  'Eigenlijk wil ik wel van die sigaretten af, ja.',
  'Als ik eenmaal een ritme heb, houd ik dat meestal wel vol.',
  'Ik denk dat ik drie keer per week wel kan halen.',
  'Ik ben best gedisciplineerd, in mijn werk ook.',
  'Dan ben ik \'s avonds niet meer zo kapot.',
  'Mijn longen gaan erop vooruit als ik stop, dat weet ik.',
  'Ik wil zelf nog de tuin kunnen doen, niet afhankelijk zijn van de buren.',
  'Met een sterkere rug kan ik mijn werk langer volhouden.',
  'Ik moet iets, want zo wordt het alleen maar erger.',
  'Eerlijk gezegd moet het echt anders, ik schaam me soms.',
  'Dit kan zo niet doorgaan, ik moet in beweging komen.',
  'Ik ga vanavond meteen de app installeren.',
  'Ik wil het vanaf morgen echt gaan doen, beloofd.',
  'Ik ga het doen, tien minuten per dag, dat spreek ik met mezelf af.',
  'Ik ben er wel aan toe om iets te veranderen.',
  'Oké, laten we het proberen.',
  'Ik wil wel kijken wat er mogelijk is.',
  'Ik heb gisteren mijn sportschoenen weer uit de kast gehaald.',
  'Ik ben vorige week twee keer met de buurvrouw gaan wandelen.',
  'Sinds de vorige keer doe ik elke ochtend die knie-oefening.',
];
const moreSustain: string[] = [
  'Rust is wat mijn rug het meeste helpt.',
  'Eerlijk gezegd werken de pijnstillers prima voor mij.',
  'Wandelen maakt het alleen maar erger.',
  'Met mijn diensten krijg ik het er gewoon niet tussen.',
  'Ik ben bang dat ik mijn knie nog meer beschadig.',
  'Ik heb het geprobeerd, maar na twee dagen deed mijn knie weer zeer.',
  'Ach, je moet toch ergens aan doodgaan.',
  'Ik ben er nog niet uit of ik dit wel wil.',
  'Die oefeningen kosten me gewoon te veel tijd.',
  'Mijn huisarts zei dat ik het rustig aan moest doen.',
  'Ik wil wel eerlijk zijn: ik heb weinig vertrouwen in die oefeningen.',
  'Eerlijk gezegd zie ik er een beetje tegenop om weer met die oefeningen te beginnen, want de vorige keer had ik er alleen maar last van.',
  'Ik begrijp wel dat het goed voor me zou zijn, alleen heb ik er op dit moment echt de energie niet voor.',
  'Ik weet het niet, hoor. Volgens mij ben ik gewoon te oud om nog te veranderen.',
  'Het klinkt misschien gek, maar ik vertrouw mijn knie gewoon niet meer.',
  'Thuis heb ik nooit de rust om die oefeningen te doen, er is altijd wel iets.',
  'Ik ben bang dat ik mezelf dan weer overschat.',
  'Als ik eerlijk ben, heb ik er weinig vertrouwen in dat het deze keer anders gaat.',
  'Ik heb het idee dat u niet echt begrijpt hoe mijn dagen eruitzien.',
  'Dat is makkelijk gezegd vanachter een bureau.',
  'Mijn man doet al het zware werk in huis, dat gaat prima zo.',
  'Ik kom er gewoon niet toe, er is altijd wel iets anders.',
  'Elke keer dat ik ga lopen, zeurt mijn knie de rest van de dag.',
  'Dat schema is niet voor iemand van mijn leeftijd gemaakt.',
  'Ik ben niet zo\'n doorzetter, eerlijk gezegd.',
  'Als het regent, ga ik echt niet naar buiten hoor.',
  'Nou, eerlijk gezegd vind ik het best lastig. Ik heb het vaker geprobeerd, maar na een paar weken haak ik altijd af.',
  'Ik snap wat u bedoelt, hoor. Alleen zie ik niet hoe ik dat in mijn week moet passen.',
  'Het klinkt allemaal heel logisch, maar in de praktijk werkt het bij mij gewoon niet zo.',
  'Ik weet niet, ik ben er eigenlijk niet zo mee bezig.',
  'Mijn knie moet eerst maar eens rustig genezen, denk ik.',
  'Eerlijk? Ik vind het wel prima zoals het nu gaat.',
  'Ik heb gewoon andere dingen aan mijn hoofd op dit moment.',
  'Als het echt nodig was, had de dokter het wel gezegd.',
  'Het is niet dat ik niet wil, het lukt gewoon niet.',
  'Ik voel me schuldig als ik tijd aan mezelf besteed terwijl mijn moeder ziek is.',
  'Ik heb het idee dat het toch niks uitmaakt wat ik doe.',
  'Sorry, maar ik zie dat echt niet zitten.',
  'Dus het is allemaal mijn eigen schuld?',
  'Ik heb het gevoel dat u niet luistert.',
  'Ik heb echt geen tijd, met mijn werk en de kinderen.',
  'Als ik ga lopen, voel ik mijn knie meteen weer.',
  'Mijn vader had ook een slechte rug en die heeft ook nooit gesport.',
  'Ik denk dat rust nu gewoon het beste is.',
  'Elke keer als ik het probeer, krijg ik weer een terugslag.',
  'Ik rook al dertig jaar, dat verander je niet zomaar.',
  'Die oefeningen zijn zo saai, daar word ik niet vrolijk van.',
  'Na een dag werken ben ik gewoon op.',
  'Ik ben bang dat mijn schouder weer uit de kom schiet.',
  'Het heeft allemaal weinig zin als de pijn toch blijft.',
  'Sporten is niks voor mij, dat was het nooit.',
  'Mijn man vindt ook dat ik het rustig aan moet doen.',
  'Ik wacht liever tot de pijn vanzelf minder wordt.',
  'Met dit weer ga ik echt niet naar buiten.',
  'Ik red me prima met mijn pijnstillers.',
  'Roken is het enige moment van de dag dat ik voor mezelf heb.',
  'Ik zie mezelf echt niet in zo\'n sportschool staan.',
  'Dat heb ik vorig jaar ook geprobeerd en toen ging het mis.',
  'Mijn lichaam is gewoon op, na veertig jaar in de bouw.',
  'Ik ben geen twintig meer, hè.',
  'Ja, maar u heeft makkelijk praten.',
  'Dat zegt iedereen, maar niemand helpt me echt.',
  'Jullie zeggen allemaal hetzelfde.',
  'Ik kom hier niet om de les gelezen te worden.',
  'Moet ik me nu schuldig voelen of zo?',
  'Dat weet ik zelf ook wel.',
  'U begrijpt het gewoon niet.',
  'Mijn moeder zegt dat ik moet uitrusten, dus dat doe ik.',
  'Die app heb ik weer verwijderd, dat werkte voor geen meter.',
  'Ik voel me gewoon te somber om ergens aan te beginnen.',
  'Eén minuut lopen? Dat heeft toch geen enkel nut.',
  'Ik ben al blij als ik mijn bed uit kom.',
  'Als ik een sigaret opsteek, komt mijn hoofd even tot rust.',
  'Ik wil eerst weten wat er precies kapot is, voordat ik ga bewegen.',
  'Zolang die scan niet gemaakt is, doe ik niks.',
  'Ach, ik heb het altijd zo gedaan.',
  'Het is toch mijn lijf, dus ik beslis zelf wel.',
  'Bij de vorige fysio ging het ook niet beter.',
  'Mijn hoofd zit vol, daar past dit niet meer bij.',
  'Ik heb het gevoel dat mijn knie het elk moment kan begeven.',
  'Mijn rug is zwak, dat weet iedereen.',
  'Ik kan toch moeilijk tegen mijn baas zeggen dat ik eerder weg moet.',
  'Voetbal is mijn leven, daar stop ik niet mee.',
  'Ik heb geen puf meer na school.',
  'Het is al zo lang zo, ik ben eraan gewend.',
  'Eerlijk gezegd komt het er nooit van.',
  'Waarom moet iedereen zich altijd met mij bemoeien?',
  'Dat heeft u vorige keer ook al gezegd.',
  'Ik ben hier omdat mijn moeder dat wil, niet omdat ik dat wil.',
  'Luister, ik weet heus wel wat goed voor me is.',
  'Dit heeft toch geen zin, dit gesprek.',
  'Kijk, ik zit de hele dag in de vrachtwagen. Wanneer zou ik dan moeten bewegen?',
  'Ik doe al zoveel. Ik werk, ik zorg voor mijn moeder, en dan moet dit er ook nog bij.',
  'Die pijn zit er nou eenmaal, daar moet ik mee leren leven.',
  'Toen ik het vorige keer probeerde, lag ik drie dagen op de bank.',
  'Ik heb liever een spuitje, dat werkt tenminste.',
  'Die rekoefeningen, ik weet het niet hoor. Ik merk er niks van.',
  'Stoppen met roken? Dan word ik onuitstaanbaar, vraag maar aan mijn vrouw.',
  'Ik ben gewoon niet zo\'n beweger.',
  'Het is nu druk op de zaak, na de zomer misschien.',
  'Mijn knie kraakt bij elke stap, dat kan toch niet goed zijn.',
  'Ik durf niet meer alleen naar buiten sinds ik gevallen ben.',
  'Ik ben bang dat ik weer instort als ik te veel doe.',
  'Mijn collega\'s zouden me uitlachen in zo\'n sportbroekje.',
  'Zonder mijn sigaret kom ik de dag niet door.',
  'Ik heb het de laatste tijd gewoon te druk gehad.',
  'Ja hoor, daar gaan we weer.',
  'Sorry, maar ik ben hier niet voor een preek.',
  'Weet u hoe het is om elke dag pijn te hebben?',
  'U klinkt net als mijn huisarts.',
  'Ik voel me echt niet serieus genomen zo.',
];
const moreNeutral: string[] = [
  'Ik neem de pijnstillers na het ontbijt.',
  'Ik heb mijn schema in de la liggen.',
  'Ik ben gisteren bij de kapper geweest.',
  'Ja hoor, zeg het maar.',
  'Oké, vertel maar.',
  'Nou, dan ga ik maar weer. Tot ziens.',
  'Ik moet er weer vandoor. Dag!',
  'Ik heb mijn medicatie gewoon genomen, hoor.',
  'Ik heb toch ook nog suikerziekte, weet u.',
  'Mijn man heeft pech gehad met zijn knie, die is geopereerd.',
  'Ik ben gisteren nog bij mijn zus geweest.',
  'Op mijn werk hebben we vaak deadlines.',
  'Ik heb genoeg te eten in huis.',
  'Die foto\'s zijn gisteren bekeken door de specialist.',
  'Ik val wel eens in slaap voor de tv.',
  'Ik heb twee katten en een hond.',
  'Het begon toch in de winter, geloof ik.',
  'Ik eet te veel snoep, zegt mijn dochter.',
  'Mijn vrouw vindt het wel fijn dat ik hier kom.',
  'Het gaat wel, dank u.',
  'Ik ben vorige maand zestig geworden.',
  'Ik moest vanochtend vroeg op.',
  'Ik weet nog dat ik toen in Spanje was.',
  'Ik heb geen auto, dus ik doe alles met de bus.',
  'Mijn man kan niet koken, dus dat doe ik altijd.',
  'Ik weet niet meer precies wanneer het begon.',
  'Nee, ik heb geen allergieën.',
  'Ik rook niet en ik drink bijna niet.',
  'Ik slaap niet zo goed de laatste tijd.',
  'Mijn dochter komt vanmiddag niet, die moet werken.',
  'Ik ben niet getrouwd, ik woon alleen.',
  'Dat heeft de huisarts niet gezegd.',
  'Ik kon vorige week niet komen omdat mijn moeder jarig was.',
  'De pijn zit niet in de knie zelf maar erboven.',
  'Ik heb nooit een operatie gehad.',
  'Het doet geen pijn als ik zit.',
  'We hebben geen trap in huis, alles is gelijkvloers.',
  'Ik ga morgen naar mijn zus in Zwolle.',
  'Mijn baas weet er nog niks van.',
  'Ik werk niet meer sinds maart.',
  'Dat weet ik eigenlijk niet.',
  'Ik heb het niet zo op dokters.',
  'Mijn vader is vorig jaar overleden, dat was zwaar.',
  'Ik werk parttime bij een bakkerij, drie ochtenden in de week.',
  'Mijn dochter woont vlakbij, die komt vaak langs.',
  'Ik heb er eigenlijk nooit zo over nagedacht.',
  'Mijn kleinzoon heet Daan, hij is zeven.',
  'Ik werk in een magazijn, vooral tillen.',
  'Vorige week was ik bij de huisarts.',
  'Dat was in 2019, geloof ik.',
  'Ik woon op de derde verdieping, zonder lift.',
  'Ik heb geen idee wat er op die foto stond.',
  'We eten meestal om zes uur.',
  'Mijn man is ook niet meer zo jong.',
  'Goedemorgen. Ja, ik kom voor mijn rug, de huisarts stuurde me.',
  'Nou, daar zit ik dan.',
  'Ik heb sinds een half jaar last van mijn schouder.',
  'Het begon toen ik een zware doos tilde.',
  'Ik slaap slecht, ik word elke nacht wakker van de pijn.',
  'Ik ben automonteur, dus ik lig veel onder auto\'s.',
  'Hm, dat weet ik eigenlijk niet.',
  'Ja.',
  'Nee.',
  'Soms.',
  'Twee keer per week, ongeveer.',
  'Dank u wel, tot volgende week.',
  'Dat is lief van u.',
  'Ja, dat klopt wel zo\'n beetje.',
  'Ik heb ook nog diabetes, trouwens.',
  'Mijn vrouw is vorig jaar overleden.',
  'Op mijn werk zit ik de hele dag.',
  'Ik heb het eerst met paracetamol geprobeerd.',
  'We gaan in mei op vakantie naar Frankrijk.',
  'Dat zei de orthopeed ook.',
  'Ik ben eigenlijk vooral benieuwd wat u gaat doen.',
  'Wat bedoelt u precies?',
  'Hoe lang duurt zo\'n behandeling meestal?',
  'Ik rook al sinds mijn zestiende.',
  'Ik ga zo meteen nog boodschappen doen.',
  'Ik moet even nadenken.',
  'Dat vind ik een moeilijke vraag.',
  'Mijn werk is wel fysiek, ik sta de hele dag.',
  'De huisarts heeft me doorgestuurd.',
  'Ik werk bij de gemeente, op kantoor.',
  'Ik heb twee dochters, die wonen allebei in Utrecht.',
  'Het begon een jaar of twee geleden.',
  'Geen idee eigenlijk.',
  'Dat is moeilijk te zeggen.',
  'Meestal \'s avonds, als ik op de bank zit.',
  'Ik weet het eerlijk gezegd niet zo goed.',
  'Ik zit in de vierde klas van de havo.',
  'Ik heb een bureaubaan, acht uur per dag achter de computer.',
  'Mijn knie is in maart geopereerd.',
  'Dat weet ik niet precies meer.',
  'Ja, ik woon samen met mijn vriend.',
  'Ik rook een pakje per dag, ongeveer.',
  'Ik ben gisteren bij de huisarts geweest voor mijn bloeddruk.',
  'We hebben een hond, een labrador.',
  'Vooral rond een uur of vier wordt het erger.',
  'Mijn man werkt in de ploegendienst.',
  'Goed, dank u. En met u?',
];

describe('Dutch client rules', () => {
  describe('change talk', () => {
    for (const [subtype, rows] of Object.entries(change) as [TalkSubtype, Row[]][]) {
      it.each(rows)(`codes "$text" as change talk (${subtype})`, (row) => {
        expect(talkOf(row)).toEqual({ talk: 'change', subtype });
      });
    }
    it.each([...sustain, ...neutral])('does not code "$text" as change talk', (row) => {
      expect(talkOf(row).talk).not.toBe('change');
    });
  });

  describe('sustain talk', () => {
    it.each(sustain)('codes "$text" as sustain talk', (row) => {
      expect(talkOf(row).talk).toBe('sustain');
    });
    it.each([...Object.values(change).flat(), ...neutral])('does not code "$text" as sustain talk', (row) => {
      expect(talkOf(row).talk).not.toBe('sustain');
    });
  });

  describe('neutral talk', () => {
    it.each(neutral)('codes "$text" as neutral', (row) => {
      expect(talkOf(row).talk).toBe('neutral');
    });
  });

  describe('more lines', () => {
    it.each(moreChange)('codes "%s" as change talk', (text) => {
      expect(talkOf({ text }).talk).toBe('change');
    });
    it.each(moreSustain)('codes "%s" as sustain talk', (text) => {
      expect(talkOf({ text }).talk).toBe('sustain');
    });
    it.each(moreNeutral)('codes "%s" as neutral', (text) => {
      expect(talkOf({ text }).talk).toBe('neutral');
    });
  });

  describe('sustain subtypes', () => {
    it.each([
      { text: 'Ik wil eigenlijk helemaal niet sporten.', subtype: 'desire' },
      { text: 'Dat lukt me toch nooit.', subtype: 'ability' },
      { text: 'Ik heb er geen tijd voor.', subtype: 'reasons' },
      { text: 'Ik ga dat niet doen.', subtype: 'commitment' },
      { text: 'Ik ben weer gestopt met de oefeningen.', subtype: 'taking_steps' },
      { text: 'Ik kan niet zonder mijn sigaretje.', subtype: 'ability' },
    ] as { text: string; subtype: TalkSubtype }[])('codes "$text" as sustain talk ($subtype)', ({ text, subtype }) => {
      expect(talkOf({ text })).toEqual({ talk: 'sustain', subtype });
    });
  });
});

describe('Dutch client context', () => {
  it('reads "Ja, dat wel." as change talk after a question about change, and as neutral after a factual one', () => {
    expect(talkOf({ text: 'Ja, dat wel.', before: [practitioner('Zou u weer willen kunnen fietsen?')] }).talk).toBe('change');
    expect(talkOf({ text: 'Ja, dat wel.', before: [practitioner('Heeft u een auto?')] }).talk).toBe('neutral');
  });

  it('reads a short yes after a question about a barrier as sustain talk', () => {
    expect(talkOf({ text: 'Ja, best wel.', before: [practitioner('Zie je erg tegen de oefeningen op?')] }).talk).toBe('sustain');
  });

  it('reads "no" to a barrier as change talk', () => {
    expect(talkOf({ text: 'Nee hoor, dat valt wel mee.', before: [practitioner('Is het te zwaar voor u?')] }).talk).toBe('change');
  });

  it('keeps the talk type of the client\'s own words when they confirm a reflection of them', () => {
    const changeBefore = [client('Ik wil weer kunnen wandelen met de hond.'), practitioner('Dus wandelen met de hond is belangrijk voor je.')];
    const sustainBefore = [client('Ik heb er gewoon geen tijd voor.'), practitioner('Dus je hebt er eigenlijk geen tijd voor.')];
    expect(talkOf({ text: 'Ja, precies.', before: changeBefore }).talk).toBe('change');
    expect(talkOf({ text: 'Ja, precies.', before: sustainBefore }).talk).toBe('sustain');
  });

  it('lets the part after the last "maar" decide', () => {
    expect(talkOf({ text: 'Ik heb het druk, maar ik wil het wel proberen.' }).talk).toBe('change');
    expect(talkOf({ text: 'Ik wil het wel proberen, maar ik heb het gewoon te druk.' }).talk).toBe('sustain');
    expect(talkOf({ text: 'Ik wil wel weer fietsen. Maar ik ben bang dat het pijn doet.' }).talk).toBe('sustain');
  });

  it('treats negated change as sustain and negated sustain as change', () => {
    expect(talkOf({ text: 'Ik wil niet meer bewegen.' }).talk).toBe('sustain');
    expect(talkOf({ text: 'Ik wil niet dat mijn knie nog slechter wordt.' }).talk).toBe('change');
    expect(talkOf({ text: 'Ik kan het wel.' }).talk).toBe('change');
    expect(talkOf({ text: 'Ik kan het echt niet.' }).talk).toBe('sustain');
  });

  it('reads a high number on a ruler as change talk and a low one as not', () => {
    const ruler = [practitioner('Op een schaal van 0 tot 10, hoe zeker bent u dat het lukt?')];
    for (const text of ['Ik zou zeggen een 7.', 'Hm, een 7 ongeveer.', 'Eerlijk? Een acht.', 'Zeg maar een 6.']) {
      expect(talkOf({ text, before: ruler }).talk, text).toBe('change');
    }
    expect(talkOf({ text: 'Een 3, denk ik.', before: ruler }).talk).not.toBe('change');
    expect(talkOf({ text: 'Een 7.', before: [practitioner('Hoeveel trappen loopt u per dag?')] }).talk).toBe('neutral');
  });

  it('reads an answer to a question about reasons for change as change talk, and one about barriers as sustain talk', () => {
    expect(talkOf({ text: 'Mijn kleindochter, vooral.', before: [practitioner('Waarom is het voor u belangrijk om weer sterker te worden?')] }).talk).toBe('change');
    expect(talkOf({ text: 'Na het eten, denk ik.', before: [practitioner('Wanneer zou je die oefeningen kunnen inplannen?')] }).talk).toBe('change');
    expect(talkOf({ text: 'De drukte op mijn werk.', before: [practitioner('Wat houdt je tegen om de oefeningen te doen?')] }).talk).toBe('sustain');
    expect(talkOf({ text: 'Geen idee eigenlijk.', before: [practitioner('Wat zou er beter worden als u meer beweegt?')] }).talk).toBe('neutral');
    expect(talkOf({ text: 'De drukte op mijn werk.', before: [practitioner('Waar werkt u?')] }).talk).toBe('neutral');
  });

  it('opens permission for advice when the client asks for it', () => {
    const { turns } = codeTranscript(
      [client('Heeft u misschien tips voor mij?'), practitioner('Je zou kunnen beginnen met een korte wandeling.')],
      { rubric, language: 'nl' },
    );
    expect(turns[0]!.talk).toBe('neutral');
    expect(turns[1]!.primary).toBe('PWP');
  });

  it('names the Dutch rule and explains in Dutch', () => {
    const { turns } = codeTranscript([client('Ik heb er gewoon geen tijd voor.')], { rubric, language: 'nl' });
    expect(turns[0]!.talkHits[0]!.rule).toBe('nl.sustain.no-problem');
    expect(turns[0]!.talkHits[0]!.explanation).toMatch(/tijd/);
  });
});
