// Word lists of the event finder: trigger words per PLOVER type and mode,
// modality and attribution cues, actor group nouns, demonyms and number
// words, for en nl de fr es. Written for dateline; the type and mode names
// follow the PLOVER ontology (CAMEO2PLOVER-2021, Open Event Data Alliance).
//
// A trigger alternative is `word` (exact), `stem*` (any word starting with
// stem), `a_b` (two words in a row, each may end in *), `verb+particle` (a
// Dutch or German separable verb: the particle later in the sentence), or
// `~tail` (nl, de: a compound word ending in tail, "luchtaanvallen").
// Type "-" blocks: the phrase names no event ("heart attack", "in advance").
#include <algorithm>
#include <cctype>
#include <utility>

#include "dateline/text.h"
#include "extract/events_internal.h"
#include "util/lines.h"

extern "C" const unsigned char dl_actor_countries[];
extern "C" const unsigned char dl_actor_countries_end[];

namespace dateline::events {

namespace {

struct TriggerList {
  std::string_view type, mode, words;
};

struct CueList {
  Cue cue;
  std::string_view words;
};

struct GroupList {
  std::string_view group, words;
};

// ---------------------------------------------------------------- English
constexpr TriggerList kEnTriggers[] = {
    {"ASSAULT", "aerial",
     "air_strike* airstrike* air_raid* air_attack* bombed bombing bombings bombard* drone_strike* "
     "air_strikes warplanes_struck missile_strike* drone_strike* military_strike*"},
    {"ASSAULT", "heavy-weapons",
     "shelled shelling artillery_fire mortar_fire rocket_attack* fired_shell* fired_rocket*"},
    {"ASSAULT", "firearms", "shot shooting shootings gunfire opened_fire fired_on gunned"},
    {"ASSAULT", "explosives",
     "explosion explosions blast car_bomb* roadside_bomb* exploded detonated bomb_attack*"},
    {"ASSAULT", "suicide-attack", "suicide_bomb* suicide_attack*"},
    {"ASSAULT", "abduct", "kidnap* abduct* hijack* took_hostage"},
    {"ASSAULT", "assassinate", "assassinat*"},
    {"ASSAULT", "beat", "beat beaten beating tortur*"},
    {"ASSAULT", "massacre", "massacre* killing_spree"},
    {"ASSAULT", "",
     "attack attacks attacked attacking clash clashes clashed fighting fought battle battles "
     "battled ambush* raided invad* invasion offensive assault assaulted struck killed "
     "fired_at stormed fired forced_out retaliat* wounded injured targeted besieged siege "
     "executed beheaded water_cannon*"},
    {"MOBILIZE", "troops",
     "advanced advancing advance_on mobiliz* mobilis* deploy* reinforcement* troop_build* "
     "marched_on moved_on massed amassed"},
    {"MOBILIZE", "police", "put_on_alert"},
    {"CONSULT", "meeting",
     "met meet meets meeting meetings talk talks talked negotiat* summit summits conference "
     "conferences consult* discuss* hosted mediat* held_talks spoke_with spoke_to convened"},
    {"CONSULT", "visit", "visit visits visited visiting"},
    {"CONSULT", "phone", "telephoned phoned phone_call"},
    {"AGREE", "",
     "agree agreed agrees agreement accord pledg* promis* vowed willing ready_to offered_to "
     "reached_an_agreement reached_a_deal reached_agreement "
     "offered"},
    {"SUPPORT", "",
     "support supported supports prais* welcom* endors* backed recogni* apologi* forgave "
     "signed commended hailed defended forgiv* established_diplomatic backing congratulated "
     "thanked restor*_diplomatic restor*_full_diplomatic restor*_formal_diplomatic "
     "restor*_relations restor*_ties renew*_diplomatic resum*_diplomatic re-establish*_diplomatic "
     "reestablish*_diplomatic normaliz*_relations normalis*_relations normaliz*_ties "
     "normalis*_ties"},
    {"COOPERATE", "", "cooperat* co-operat* collaborat* extradit* shared joint_exercise*"},
    {"AID", "",
     "aid assistance donat* relief asylum humanitarian_supplies provid* give gave giving grant "
     "granted"},
    {"CONCEDE", "",
     "eased eases easing lift lifts lifting lifted conced* yielded acced* relent* gave_in "
     "legaliz* accept accepts accepted allow allows allowed relaxed relaxes relaxing"},
    {"RETREAT", "withdraw",
     "withdr* retreat* pulled_out pullback pull_back pulled_back surrender* disarm* demobiliz* "
     "handed_over resign* evacuat* stepped_down"},
    {"RETREAT", "ceasefire", "ceasefire cease-fire truce"},
    {"RETREAT", "release",
     "releas* freed prisoner_swap* prisoner_exchange* exchanged_prisoners swapped_prisoners"},
    {"REQUEST", "",
     "demand* urg* called_on calls_on call_on called_for calls_for appeal* request* asked "
     "insist* pressed must sought pleaded invited"},
    {"ACCUSE", "disapprove",
     "criticiz* criticis* condemn* denounc* deplor* rebuk* blam* chid* castigat* called_the "
     "calls_the called_it called_his called_their"},
    {"ACCUSE", "allege",
     "accus* alleg* sued suing lawsuit complain* lodged charged indicted prosecut*"},
    {"ACCUSE", "investigate", "investigat* probe probes inquiry"},
    {"REJECT", "deny", "deni* deny"},
    {"REJECT", "",
     "reject* refus* declin* rebuff* veto* spurn* dismissed turned_down defied defy defies "
     "reneg* violat* opposed ruled_out"},
    {"THREATEN", "", "threat* warn* ultimatum sworn swore"},
    {"PROTEST", "demo",
     "protest protests protested protesting demonstrat* rally rallies gathered "
     "rallied marched marches"},
    {"PROTEST", "boycott", "strike_action strikers boycott* walkout"},
    {"PROTEST", "hunger", "hunger_strike*"},
    {"PROTEST", "riot", "riot riots rioted rioting looted looting"},
    {"PROTEST", "obstruct", "sit-in blocked blocking"},
    {"PROTEST", "boycott", "strike strikes"},
    {"SANCTION", "",
     "sanction* embargo* broke_off severed recalled suspend* suspension downgrad* cut_off halted "
     "froze cut_ties"},
    {"SANCTION", "expel", "expel*"},
    {"COERCE", "arrest",
     "arrest* detain* detention imprison* jailed sentenced rounded_up convicted"},
    {"COERCE", "seize", "seiz* confiscat* occup* annex* demolish* blew_up hack*"},
    {"COERCE", "restrict",
     "curfew martial_law state_of_emergency banned ban blockad* crackdown "
     "cracked_down censor*"},
    {"COERCE", "deport", "deport*"},
    {"-", "",
     "heart_attack* panic_attack* in_advance advance_of shot_at_goal struck_a_deal protesters "
     "hostages "
     "protestors demonstrators rioters strikers detainees negotiator negotiators mediator "
     "mediators investigators aid_agencies aid_agency aid_workers aid_groups hurricane_warning* "
     "storm_warning* flood_warning* weather_warning* tsunami_warning* warned_of warns_of "
     "warned_about "
     "struck_an_agreement met_with_criticism rocket_science"},
};

constexpr CueList kEnCues[] = {
    {Cue::kNegation, "not never no n't didn't did_not failed"},
    {Cue::kCancel, "postponed cancelled canceled called_off suspended delayed"},
    {Cue::kFuture,
     "plan plans planned planning intend* to_be scheduled expected going_to next upcoming"},
    {Cue::kIntent,
     "will would shall 'll prepared willing ready plans plan planned intends intended decided "
     "offered hopes wants"},
    {Cue::kObligation, "must should"},
    {Cue::kPurpose, "to"},
    {Cue::kUnless, "unless otherwise"},
    {Cue::kSubordinate,
     "after following during amid despite since before where which who whom whose while because"},
    {Cue::kReport, "said says say told claimed claims claim according reported stated added"},
    {Cue::kConfirm, "confirm*"},
    {Cue::kDeny, "deni* deny"},
    {Cue::kPassive, "was were been being is are be"},
    {Cue::kBy, "by"},
    {Cue::kLocPrep,
     "in near at outside inside from into towards toward around across throughout within"},
    {Cue::kKilled, "killed dead died deaths killing casualties fatalities lives"},
    {Cue::kRole,
     "president minister prime premier general commander leader chief spokesman spokeswoman "
     "king foreign official envoy ambassador secretary-general"},
    {Cue::kModeAerial,
     "air aircraft plane planes warplane* jet jets drone drones helicopter* airstrike* "
     "air-strike*"},
    {Cue::kModeHeavy, "artillery shell shells shelling mortar* rocket* tank tanks missile*"},
    {Cue::kModeFirearms, "gun guns gunmen gunfire rifle* sniper* bullet*"},
    {Cue::kModeExplosives, "bomb bombs explosive* ied landmine* mine"},
};

constexpr GroupList kEnGroups[] = {
    {"state forces",
     "troops troop soldiers soldier army armies military forces force navy warplanes warplane jets "
     "aircraft helicopters police "
     "policemen officers gendarmes guards"},
    {"rebel group",
     "rebels rebel insurgents militants jihadists guerrillas guerillas fighters bomber bombers"},
    {"political militia", "militia militias militiamen gunmen"},
    {"protesters", "protesters protestors demonstrators marchers strikers"},
    {"rioters", "rioters mob"},
    {"civilians",
     "civilians residents villagers refugees migrants people crowd crowds students workers "
     "farmers teachers youths voters families children passers-by parents relatives"},
    {"media", "journalist journalists reporters reporter photographer photographers"},
    {"rebel group", "separatists kidnappers"},
    {"other",
     "suspects detainees prisoners unions hostage hostages suspect men group groups organisers "
     "organizers delegation parties countries opposition coalition spokesman spokeswoman "
     "spokesperson activists activist bandits gangs gangsters"},
    {"government", "court judge judges council commission committee"},
    {"government",
     "government governments officials authorities minister ministers cabinet president "
     "ministry administration parliament leaders negotiators prosecutors diplomats envoy "
     "investigators lawmakers legislators ambassador ambassadors mayor counterpart counterparts"},
};

// ---------------------------------------------------------------- Dutch
constexpr TriggerList kNlTriggers[] = {
    {"ASSAULT", "aerial",
     "luchtaanval* luchtbombardement* bombardeer* bombardeerde* gebombardeerd bombardement* "
     "~luchtaanval ~luchtaanvallen drone-aanval* droneaanval*"},
    {"ASSAULT", "heavy-weapons",
     "beschiet* beschoten beschoot beschietingen beschieting raketaanval* granaataanval*"},
    {"ASSAULT", "firearms", "doodgeschoten neergeschoten schietpartij* vuurgevecht* opende_het"},
    {"ASSAULT", "explosives", "bomaanslag* autobom* explosie* ontplofte ontploft bermbom*"},
    {"ASSAULT", "suicide-attack", "zelfmoordaanslag*"},
    {"ASSAULT", "abduct", "ontvoer* gegijzeld gijzel*"},
    {"ASSAULT", "assassinate", "vermoord* moordaanslag*"},
    {"ASSAULT", "beat", "mishandeld mishandel* gemarteld martel*"},
    {"ASSAULT", "massacre", "bloedbad slachtpartij*"},
    {"ASSAULT", "",
     "afgevuurd vuurde+af vuurden+af schoten+op schoot+op blies+op bliezen+op opgeblazen "
     "geëxecuteerd executeer* onthoofd* verwond* gewond belegerd belegering belegeren bekogeld* "
     "moord moorden schoot+dood schoten+dood "
     "bestorm* aanval aanvallen aangevallen viel+aan vielen+aan "
     "valt+aan vallen+aan gevecht "
     "gevechten "
     "vechten vochten vecht "
     "gevochten vochten botsing* aanslag aanslagen hinderlaag invasie binnengevallen "
     "nam+in namen+in ingenomen viel+binnen vielen+binnen offensief tegenoffensief ~offensief "
     "waterkanon waterkanonnen "
     "gedood doodden bestormd "
     "bestormden bestormde "
     "~aanval ~aanvallen ~aanslag in_brand binnengetrokken trokken+binnen trok+binnen "
     "ontruiming ontruimd ontruimde ontruimden"},
    {"MOBILIZE", "troops",
     "rukte+op rukten+op rukt+op rukken+op opgerukt oprukkende oprukken opmars mobilis* "
     "gemobiliseerd stationeer* gestationeerd versterkingen troepenmacht* trok+op trokken+op "
     "stuurde_troepen ingezet trok+samen trokken+samen samengetrokken"},
    {"CONSULT", "meeting",
     "praatte praatten gepraat sprak+met spraken+met ontving ontvangt ontvingen ontmoet* "
     "ontmoeting* overleg overlegt "
     "overleggen overlegd "
     "overlegde overlegden "
     "besprek* besproken besprak "
     "bespraken gesprek gesprekken onderhandel* topoverleg topontmoeting* top conferentie* "
     "vergader* bijeenkomen kwam+bijeen kwamen+bijeen komt+bijeen komen+bijeen bijeenkomst* "
     "beraad* bemiddel* "
     "sprak_met spraken_met"},
    {"CONSULT", "visit",
     "bezoek bezoekt bezoeken bezocht bezochten bracht_een reisde+naar reisden+naar"},
    {"CONSULT", "phone", "telefoneer* getelefoneerd telefoongesprek* belde belden"},
    {"AGREE", "",
     "akkoord overeenkomst overeengekomen kwamen+overeen kwam+overeen stemde+in stemden+in "
     "ingestemd beloof* beloofde* beloofd zegde+toe zegden+toe toegezegd toezegging* bereid eens"},
    {"SUPPORT", "",
     "feliciteer* bedankte bedankten tekende tekenden getekend steunt steunen steunde steunden "
     "gesteund steunbetuiging prees "
     "prezen prijst geprezen "
     "verwelkom* "
     "erkent erkende erkend onderteken* ondertekend verdedigde"},
    {"COOPERATE", "", "samenwerk* werken+samen werkten+samen uitgeleverd uitlever*"},
    {"AID", "",
     "hulp noodhulp hulpgoederen hulpkonvooi* voedselhulp hulppakket* steunpakket* asiel "
     "doneer* gedoneerd schonk evacueer* geëvacueerd ~hulp deelt+uit deelde+uit deelden+uit "
     "uitgedeeld"},
    {"CONCEDE", "",
     "versoepel* hief+op hieven+op opgeheven zwichtte* gezwicht gaf+toe gaven+toe toegegeven"},
    {"RETREAT", "withdraw",
     "trok+terug trokken+terug trekt+terug trekken+terug teruggetrokken terugtrekking* terugtrek* "
     "capituleer* gaf+over gaven+over overgegeven ontwapen* trad+af traden+af afgetreden aftreden "
     "stapte+op"},
    {"RETREAT", "ceasefire", "wapenstilstand* bestand staakt-het-vuren ~wapenstilstand"},
    {"RETREAT", "release",
     "vrijgelaten vrijlating liet+vrij lieten+vrij kwam+vrij kwamen+vrij uitgewisseld "
     "uitwisseling* gevangenenruil* wisselden+uit wisselen+uit"},
    {"REQUEST", "",
     "smeekte smeekten nodigde+uit nodigden+uit uitgenodigd eist eiste eisten geëist eisen opriep "
     "opriepen oproept "
     "beroep_op roept+op riep+op riepen+op "
     "roepen+op opgeroepen "
     "oproep verzoek* verzocht vroeg vroegen vraagt vragen gevraagd drong+aan drongen+aan "
     "dringt+aan "
     "aangedrongen ontbood ontboden ontbiedt"},
    {"ACCUSE", "disapprove",
     "veroordeelde veroordeelden veroordeelt hekel* bekritiseer* kritiek laakt laakte gelaakt "
     "betreurde betreurt noemde_de noemde_het noemt_de noemt_het noemden_de"},
    {"ACCUSE", "allege",
     "beschuldig* verwijt* verweet betichte betichtten beticht vervolgt vervolgd vervolgen "
     "aangeklaagd klaagde+aan klaagden+aan aanklacht*"},
    {"ACCUSE", "investigate", "onderzoek onderzoekt onderzocht onderzoeken"},
    {"REJECT", "deny", "ontken* ontkend"},
    {"REJECT", "",
     "verwerp* verworpen wees+af wezen+af afgewezen wijst+af wijzen+af weiger* geweigerd veto "
     "wees+hand wezen+hand verwierp verwierpen sloeg+af sloegen+af afgeslagen hoger_beroep"},
    {"THREATEN", "", "dreig* gedreigd bedreig* waarschuw* gewaarschuwd ultimatum"},
    {"PROTEST", "demo",
     "protest* geprotesteerd betoog betoogden betoogt betoging* demonstreer* demonstreren "
     "demonstratie* "
     "gedemonstreerd straat_op marcheer* mars protestmars sit-in ~protest ~betoging"},
    {"PROTEST", "boycott",
     "staking stakingen staakt staakten gestaakt boycot* legde+neer legden+neer werk_neergelegd "
     "legt+neer "
     "leggen+neer"},
    {"PROTEST", "hunger", "hongerstaking*"},
    {"PROTEST", "riot", "rellen onlusten plunder* geplunderd"},
    {"PROTEST", "obstruct", "blokkeer* blokkeerden blokkade* geblokkeerd"},
    {"SANCTION", "",
     "sanctie* strafmaatregel* embargo verbrak verbraken schortte+op opgeschort riep_ambassadeur "
     "bevroor bevroren ~sancties ~embargo op_te_schorten stop_te_zetten stopgezet stopzetting* "
     "zette+stop zetten+stop"},
    {"SANCTION", "expel", "zette+uit zetten+uit uitgewezen wees+uit uit_te_zetten"},
    {"COERCE", "arrest",
     "arrest* gearresteerd aangehouden hield+aan hielden+aan opgepakt pakte+op pakten+op "
     "opgesloten gevangengenomen veroordeeld_tot inval invallen doorzocht hechtenis gevangengezet "
     "huiszoeking*"},
    {"COERCE", "seize", "inbeslagname beslag bezette bezetten bezet"},
    {"COERCE", "restrict", "avondklok noodtoestand verbood verbiedt verboden sloot+af sloten+af"},
    {"COERCE", "deport", "gedeporteerd deporteer* uitgezet"},
    // More inflections and common synonyms of the classes above.
    {"ASSAULT", "",
     "doodgestoken neergestoken stak+neer staken+neer omgebracht bracht+om brachten+om "
     "overviel overvielen aanviel aanvielen sloeg+in sloegen+in gelyncht"},
    {"ASSAULT", "assassinate", "geliquideerd liquideer*"},
    {"MOBILIZE", "", "patrouilleer* gepatrouilleerd"},
    {"CONSULT", "meeting", "praten"},
    {"CONSULT", "visit", "staatsbezoek* werkbezoek* bliksembezoek*"},
    {"AGREE", "", "beloven zegt+toe zeggen+toe"},
    {"SUPPORT", "",
     "juichte+toe juichten+toe toegejuicht loofde loofden verontschuldig* excuses_aangeboden"},
    {"COOPERATE", "", "samengewerkt werkt+samen"},
    {"AID", "", "schenkt schenken geschonken wapenlevering* hulpgeld* hulpzending* hulptransport*"},
    {"CONCEDE", "",
     "stond+toe stonden+toe staat+toe toegestaan accepteer* geaccepteerd aanvaardde aanvaardden "
     "aanvaardt"},
    {"RETREAT", "withdraw",
     "nam_ontslag namen_ontslag neemt_ontslag ontslag_genomen opgestapt stapt+op stapten+op "
     "haalde+weg haalden+weg weggehaald"},
    {"RETREAT", "release", "vrijlaten laat+vrij laten+vrij vrijgekomen"},
    {"REQUEST", "", "verlangt verlangde verlangden pleitte pleitten bepleit"},
    {"ACCUSE", "disapprove",
     "kritiseer* gekritiseerd afkeur* keurde+af keurden+af afgekeurd teleurstelling"},
    {"ACCUSE", "allege", "klaagt+aan klagen+aan"},
    {"REJECT", "", "stemde+tegen stemden+tegen aan_te_vechten vocht+aan vochten+aan aangevochten"},
    {"THREATEN", "", "zwoer zwoeren"},
    {"PROTEST", "demo", "betogen voerden+actie voerde+actie voeren+actie voert+actie"},
    {"PROTEST", "riot", "relletjes ongeregeldheden"},
    {"PROTEST", "boycott", "werkonderbreking*"},
    {"SANCTION", "",
     "verbreekt verbroken schort+op schorten+op opschorting bevriest teruggeroepen stopt stopte "
     "stopten stoppen"},
    {"SANCTION", "expel", "wijst+uit wezen+uit"},
    {"COERCE", "arrest",
     "pakt+op pakken+op vastgezet vastgehouden vastgenomen zette+vast "
     "zetten+vast"},
    {"COERCE", "seize",
     "inbeslaggenomen confisqueer* geconfisqueerd annexeer* geannexeerd annexatie"},
    {"COERCE", "restrict", "censuur gecensureerd"},
    {"COERCE", "deport", "teruggestuurd terug_te_sturen"},
    {"-", "",
     "hartaanval* in_top top-* bestand_met betogers demonstranten actievoerders relschoppers "
     "stakers gedetineerden onderhandelaar* bemiddelaar* hulporganisatie* hulpverleners gijzelaar* "
     "hulp_nodig eiste+op eisten+op eiste+levens explosieven ontvoerders waarschuwde+voor "
     "waarschuwt+voor waarschuwden+voor weeralarm "
     "dreigingsniveau"},
};

constexpr CueList kNlCues[] = {
    {Cue::kNegation, "niet geen nooit"},
    {Cue::kCancel, "uitgesteld afgelast geannuleerd verschoven opgeschort afgeblazen"},
    {Cue::kFuture, "plan plannen plant gepland beoogde volgende komende"},
    {Cue::kIntent, "zal zullen zou zouden gaat gaan wil willen bereid"},
    {Cue::kObligation, "moet moeten"},
    {Cue::kPurpose, "om"},
    {Cue::kUnless, "tenzij anders"},
    {Cue::kSubordinate, "nadat tijdens ondanks sinds voordat terwijl waarbij omdat waarna"},
    {Cue::kReport,
     "zei zegt zeggen zeiden meldde meldt melden volgens aldus verklaarde beweerde "
     "beweert stelde stelt"},
    {Cue::kConfirm, "bevestig*"},
    {Cue::kDeny, "ontken*"},
    {Cue::kPassive, "werd werden wordt worden"},
    {Cue::kBeAux, "is zijn was waren"},
    {Cue::kBy, "door"},
    {Cue::kLocPrep, "in bij nabij rond naar vanuit uit op buiten"},
    {Cue::kKilled,
     "doden dode gedood omgekomen omkwamen slachtoffers gesneuveld overleden het_leven"},
    {Cue::kRole,
     "president minister premier generaal commandant leider topman woordvoerder koning "
     "krijgsheer gezant veldmaarschalk"},
    {Cue::kModeAerial,
     "lucht vliegtuig vliegtuigen gevechtsvliegtuig* drone drones helikopter* luchtmacht "
     "luchtaanval* straaljager*"},
    {Cue::kModeHeavy, "artillerie granaat granaten mortier* raket* tank tanks"},
    {Cue::kModeFirearms, "geweer geweren kogel* sluipschutter* schoten geschoten"},
    {Cue::kModeExplosives, "bom bommen explosie* explosieven bermbom*"},
};

constexpr GroupList kNlGroups[] = {
    {"state forces",
     "troepen soldaten soldaat leger legers strijdkrachten militairen politie agenten "
     "marine luchtmacht ~troepen ~soldaten ~leger"},
    {"rebel group", "rebellen opstandelingen strijders jihadisten militanten"},
    {"political militia", "milities militie ~milities"},
    {"protesters", "betogers demonstranten actievoerders stakers"},
    {"rioters", "relschoppers"},
    {"civilians",
     "burgers inwoners bewoners dorpelingen vluchtelingen migranten mensen menigte studenten "
     "arbeiders boeren leraren scholieren jongeren kiezers gezinnen kinderen voorbijgangers"},
    {"media", "journalist journalisten verslaggever verslaggevers fotograaf fotografen"},
    {"rebel group", "separatisten ontvoerders"},
    {"other",
     "verdachten gevangenen gedetineerden bonden vakbonden gijzelaars verdachte mannen man "
     "vrouwen groep groepen organisatoren supporters delegatie partijen landen oppositie "
     "organisatie coalitie woordvoerder woordvoerster ~organisatie"},
    {"government",
     "regering kabinet minister ministers premier president autoriteiten overheid "
     "ministerie parlement leiders onderhandelaars aanklagers diplomaten gezant rechtbank "
     "rechter aanklager justitie raad ~raad ~commissie veiligheidsdiensten ambassadeur "
     "ambassadeurs wethouder burgemeester ambtgenoot ambtgenoten"},
    {"state forces", "gevechtsvliegtuigen straaljagers drones ~vliegtuigen veiligheidstroepen"},
};

// ---------------------------------------------------------------- German
constexpr TriggerList kDeTriggers[] = {
    {"ASSAULT", "aerial",
     "luftangriff* bombardier* bombardement* ~luftangriff ~luftangriffe ~luftangriffen"},
    {"ASSAULT", "heavy-weapons", "beschoss* beschossen beschuss raketenangriff* artilleriefeuer"},
    {"ASSAULT", "firearms", "erschossen schüsse schusswechsel"},
    {"ASSAULT", "explosives", "explosion* bombenanschlag* autobombe* explodierte"},
    {"ASSAULT", "suicide-attack", "selbstmordanschlag*"},
    {"ASSAULT", "abduct", "entführ* geisel*"},
    {"ASSAULT", "",
     "angriff angriffe angriffen griff+an griffen+an angegriffen kämpfe kämpften gefecht* "
     "anschlag anschläge offensive gegenoffensive getötet tötete töteten ~angriff ~angriffe "
     "~anschlag"},
    {"MOBILIZE", "troops",
     "rückte+vor rückten+vor rückte+ein rückten+ein vorgerückt vormarsch mobilisier* stationier*"},
    {"CONSULT", "meeting",
     "traf trafen getroffen treffen gespräch* verhandl* gipfel* konferenz* beriet berieten "
     "beraten"},
    {"CONSULT", "visit", "besuch* besuchte"},
    {"CONSULT", "phone", "telefonier*"},
    {"CONSULT", "visit", "reist+nach reiste+nach reisten+nach"},
    {"AGREE", "", "einigten einigte geeinigt vereinbar* abkommen vereinbarung* versprach zugesagt"},
    {"SUPPORT", "", "unterstützt* lobte begrüßte begrüßt unterzeichne* anerkannt"},
    {"COOPERATE", "", "zusammenarbeit* kooperier* ausgeliefert"},
    {"AID", "", "hilfe hilfsgüter hilfslieferung* ~hilfe asyl"},
    {"RETREAT", "",
     "zog+zurück zogen+zurück zog+ab zogen+ab abgezogen zurückgezogen rückzug waffenstillstand* "
     "waffenruhe "
     "freigelassen freilassung ~waffenstillstand"},
    {"REQUEST", "",
     "forderte forderten fordert gefordert forderung* verlangt* rief+auf riefen+auf aufgerufen "
     "appell* "
     "bat baten gebeten"},
    {"ACCUSE", "disapprove",
     "verurteilte verurteilten kritisiert* verurteilt nannte_die nannte_den"},
    {"ACCUSE", "allege", "beschuldig* vorwurf vorwürfe warf+vor warfen+vor vorgeworfen"},
    {"ACCUSE", "investigate", "ermittl* ermittel* untersuch*"},
    {"REJECT", "deny", "bestritt bestritten dementier*"},
    {"REJECT", "", "lehnte+ab lehnten+ab abgelehnt weigert* zurückgewiesen wies+zurück"},
    {"THREATEN", "", "droht* gedroht warnt* gewarnt ultimatum"},
    {"PROTEST", "demo",
     "protest* demonstr* kundgebung* ~protest ~proteste ~demonstration ~demonstrationen"},
    {"PROTEST", "boycott", "streik* boykott* ~streik ~streiks"},
    {"PROTEST", "obstruct", "blockier*"},
    {"PROTEST", "demo", "auf_die_straße"},
    {"PROTEST", "riot", "krawalle ausschreitungen unruhen"},
    {"SANCTION", "", "sanktion* embargo stoppte stoppten gestoppt"},
    {"SANCTION", "expel", "ausgewiesen wies+aus"},
    {"COERCE", "arrest", "festgenommen festnahme* verhaftet verhaft* nahm+fest nahmen+fest"},
    {"COERCE", "seize", "stellte+sicher stellten+sicher sichergestellt beschlagnahm*"},
    {"COERCE", "restrict", "ausgangssperre notstand verbot verboten"},
    {"-", "",
     "herzinfarkt demonstranten randalierer geiseln warnte+vor warnt+vor warnten+vor "
     "unwetterwarnung* "
     "sturmwarnung*"},
};

constexpr CueList kDeCues[] = {
    {Cue::kNegation, "nicht kein keine keinen nie"},
    {Cue::kCancel, "verschoben abgesagt ausgesetzt"},
    {Cue::kFuture, "geplant plant nächste kommende"},
    {Cue::kIntent, "wird werden will wollen bereit"},
    {Cue::kObligation, "muss müssen soll sollen"},
    {Cue::kPurpose, "zu um"},
    {Cue::kUnless, "sonst andernfalls"},
    {Cue::kSubordinate, "nachdem während trotz seit bevor weil"},
    {Cue::kReport, "sagte sagten erklärte teilte laut zufolge berichtete behauptete hieß"},
    {Cue::kConfirm, "bestätig*"},
    {Cue::kDeny, "bestritt bestritten dementier*"},
    {Cue::kPassive, "wurde wurden worden wird werden"},
    {Cue::kBeAux, "ist sind war waren"},
    {Cue::kBy, "von durch"},
    {Cue::kLocPrep, "in bei nahe nach aus vor im am"},
    {Cue::kKilled, "tote toten getötet ums_leben starben opfer umgekommen"},
    {Cue::kRole, "präsident minister ministerpräsident general kommandeur chef sprecher"},
    {Cue::kModeAerial, "luft flugzeug* kampfjet* drohne* hubschrauber luftwaffe"},
    {Cue::kModeHeavy, "artillerie granate* rakete* panzer mörser"},
    {Cue::kModeFirearms, "schüsse gewehr* scharfschütze*"},
    {Cue::kModeExplosives, "bombe bomben sprengsatz"},
};

constexpr GroupList kDeGroups[] = {
    {"state forces",
     "truppen soldaten armee militär streitkräfte polizei polizisten ~truppen kampfflugzeuge "
     "kampfjets drohnen ~flugzeuge sicherheitskräfte"},
    {"rebel group", "rebellen aufständische kämpfer dschihadisten"},
    {"political militia", "miliz milizen"},
    {"protesters", "demonstranten"},
    {"rioters", "randalierer"},
    {"civilians",
     "zivilisten bewohner einwohner flüchtlinge migranten menschen personen menge studenten "
     "schüler arbeiter bauern lehrer jugendliche wähler familien kinder passanten"},
    {"media", "journalist journalisten reporter fotograf fotografen"},
    {"rebel group", "separatisten entführer"},
    {"other",
     "verdächtige tatverdächtige häftlinge gefangene gewerkschaften geiseln männer frauen gruppe "
     "gruppen bande mitglieder organisatoren delegation parteien länder opposition koalition "
     "sprecher sprecherin aktivisten unbekannte täter seiten konfliktparteien anwohner verbände "
     "~verbände tausende zehntausende "
     "hunderte hunderttausende"},
    {"government",
     "regierung minister ministerin präsident präsidentin behörden parlament ministerium "
     "kabinett bundesregierung staatsanwaltschaft gericht richter diplomaten botschafter "
     "bürgermeister beamte präsidenten kollegen amtskollegen"},
};

// ---------------------------------------------------------------- French
constexpr TriggerList kFrTriggers[] = {
    {"ASSAULT", "aerial", "frappe* bombard* raid_aérien raids_aériens"},
    {"ASSAULT", "heavy-weapons", "pilonn* obus tirs_d'artillerie"},
    {"ASSAULT", "firearms", "fusillade* abattu abattus tiré tirée tirés"},
    {"ASSAULT", "explosives", "explosion* attentat* voiture_piégée"},
    {"ASSAULT", "abduct", "enlev* kidnapp* otage*"},
    {"ASSAULT", "",
     "attaque attaques attaqué attaquée attaqués attaquent attaquaient combats combat "
     "affrontement* "
     "offensive assaut tué tués"},
    {"MOBILIZE", "troops", "avanc* progress* mobilis* déploi* déployé*"},
    {"CONSULT", "meeting",
     "rencontr* réuni* réunion* entretien* pourparlers négoci* sommet conférence* discut*"},
    {"CONSULT", "visit", "visite visité a_reçu"},
    {"AGREE", "", "accord* convenu promis s'engage*"},
    {"SUPPORT", "", "soutien* soutenu salué salue signé reconnu"},
    {"COOPERATE", "", "coopér* collabor* extradé*"},
    {"AID", "", "aide humanitaire asile"},
    {"RETREAT", "", "retir* retrait cessez-le-feu trêve libéré* libération"},
    {"REQUEST", "", "exig* demand* appel* appelé réclam*"},
    {"ACCUSE", "disapprove", "condamn* critiqu* dénonc* a_qualifié qualifié"},
    {"ACCUSE", "allege", "accus*"},
    {"ACCUSE", "investigate", "enquête* enquêt*"},
    {"REJECT", "deny", "démenti démentent nié nient"},
    {"REJECT", "", "rejet* rejeté refus* refusé exclu"},
    {"THREATEN", "", "menac* averti ultimatum"},
    {"PROTEST", "demo", "manifest* protest* rassembl* défilé défilent défilaient"},
    {"PROTEST", "boycott", "grève* boycott*"},
    {"PROTEST", "riot", "émeute*"},
    {"SANCTION", "", "sanction* embargo"},
    {"SANCTION", "expel", "expuls*"},
    {"COERCE", "arrest", "arrêté arrêtés arrêtées arrestation* interpellé* détenu* incarcér*"},
    {"COERCE", "restrict", "couvre-feu état_d'urgence interdit* dissous dissout"},
    {"-", "",
     "crise_cardiaque manifestant manifestante manifestants manifestantes émeutiers otages"},
};

constexpr CueList kFrCues[] = {
    {Cue::kNegation, "pas jamais aucun aucune"},
    {Cue::kCancel, "reporté reportée annulé annulée suspendu"},
    {Cue::kFuture, "prévu prévue prochain prochaine"},
    {Cue::kIntent, "va vont sera seront prêt prête"},
    {Cue::kObligation, "doit doivent devrait"},
    {Cue::kPurpose, "pour"},
    {Cue::kUnless, "sinon"},
    {Cue::kSubordinate, "après pendant malgré depuis avant lorsque parce"},
    {Cue::kReport, "a_déclaré a_dit selon affirme affirmé déclaré a_affirmé indiqué"},
    {Cue::kConfirm, "confirm*"},
    {Cue::kDeny, "démenti nié nie"},
    {Cue::kPassive, "été est sont était ont"},
    {Cue::kBy, "par"},
    {Cue::kLocPrep, "à près en dans au aux vers autour"},
    {Cue::kKilled, "morts tués tuées tué tuée mort victimes"},
    {Cue::kRole, "président ministre premier général commandant chef porte-parole"},
    {Cue::kModeAerial, "aérien aérienne aériens aériennes avion* drone* hélicoptère*"},
    {Cue::kModeHeavy, "artillerie obus roquette* char chars missile*"},
    {Cue::kModeFirearms, "balle* fusil* tireur*"},
    {Cue::kModeExplosives, "bombe* explosif*"},
};

constexpr GroupList kFrGroups[] = {
    {"state forces", "troupes soldats armée militaires forces police policiers gendarmes"},
    {"rebel group", "rebelles insurgés combattants djihadistes jihadistes"},
    {"political militia", "milice milices miliciens"},
    {"protesters", "manifestants"},
    {"rioters", "émeutiers casseurs"},
    {"civilians",
     "civils habitants réfugiés migrants personnes gens foule étudiants lycéens ouvriers "
     "travailleurs agriculteurs enseignants jeunes électeurs familles enfants passants"},
    {"media", "journaliste journalistes reporter photographe photographes"},
    {"rebel group", "séparatistes ravisseurs"},
    {"other",
     "suspects détenus prisonniers syndicats otages hommes femmes groupe groupes organisateurs "
     "délégation partis pays opposition coalition porte-parole militants"},
    {"government",
     "gouvernement ministre ministres autorités président parlement ministère cabinet "
     "dirigeants chefs négociateurs procureur parquet diplomates ambassadeur ambassadeurs "
     "maire tribunal juge homologue homologues"},
};

// ---------------------------------------------------------------- Spanish
constexpr TriggerList kEsTriggers[] = {
    {"ASSAULT", "aerial", "bombarde* ataque_aéreo ataques_aéreos"},
    {"ASSAULT", "heavy-weapons", "cañone* artillería"},
    {"ASSAULT", "firearms", "tiroteo* disparos dispararon"},
    {"ASSAULT", "explosives", "explosión explosiones atentado* coche_bomba"},
    {"ASSAULT", "abduct", "secuestr*"},
    {"ASSAULT", "",
     "ataque ataques atacó atacaron atacado combates enfrentamiento* ofensiva asesin* mataron "
     "cargó_contra cargaron_contra dispers*"},
    {"MOBILIZE", "troops", "avanz* avance moviliz* despleg* desplieg* refuerzos"},
    {"CONSULT", "meeting", "reuni* reunión encuentro* conversaciones negoci* cumbre conferencia*"},
    {"CONSULT", "visit", "visita visitó"},
    {"AGREE", "", "acord* acuerdo promet* se_comprometió"},
    {"SUPPORT", "", "apoy* elogi* firm* reconoci*"},
    {"COOPERATE", "", "cooper* colabor* extradit*"},
    {"AID", "", "ayuda asilo"},
    {"RETREAT", "", "retir* alto_el_fuego tregua liberad* liberó liberación evacu*"},
    {"REQUEST", "", "exig* pidió pidieron solicit* reclam* instó"},
    {"ACCUSE", "disapprove", "conden* critic* denunci* calificó"},
    {"ACCUSE", "allege", "acus*"},
    {"ACCUSE", "investigate", "investig*"},
    {"REJECT", "", "rechaz* se_negó"},
    {"THREATEN", "", "amenaz* advirtió ultimátum"},
    {"PROTEST", "demo", "protest* manifest* marcha* concentraron se_concentraron"},
    {"PROTEST", "obstruct", "bloque*"},
    {"PROTEST", "boycott", "huelga* boicot* paro paros"},
    {"PROTEST", "riot", "disturbios"},
    {"SANCTION", "", "sanci* embargo"},
    {"SANCTION", "expel", "expuls*"},
    {"COERCE", "arrest", "detenid* detuvo detuvieron arrest* encarcel*"},
    {"COERCE", "restrict", "toque_de_queda estado_de_emergencia prohibi*"},
    {"-", "", "ataque_cardíaco ataque_al_corazón manifestante manifestantes rehenes"},
};

constexpr CueList kEsCues[] = {
    {Cue::kNegation, "no nunca ningún ninguna"},
    {Cue::kCancel, "aplazado aplazada cancelado cancelada suspendido"},
    {Cue::kFuture, "previsto prevista próximo próxima"},
    {Cue::kIntent, "será serán va van dispuesto dispuesta"},
    {Cue::kObligation, "debe deben"},
    {Cue::kPurpose, "para"},
    {Cue::kUnless, "salvo"},
    {Cue::kSubordinate, "tras después durante pese desde antes porque"},
    {Cue::kReport, "dijo dijeron según afirmó declaró aseguró indicó señaló"},
    {Cue::kConfirm, "confirm*"},
    {Cue::kDeny, "neg* desmint*"},
    {Cue::kPassive, "fue fueron sido es son era"},
    {Cue::kBy, "por"},
    {Cue::kLocPrep, "en cerca a al desde hacia"},
    {Cue::kKilled, "muertos muerto muertas fallecidos víctimas murieron asesinados"},
    {Cue::kRole, "presidente ministro primer general comandante jefe portavoz"},
    {Cue::kModeAerial, "aéreo aérea aéreos aviones avión dron drones helicóptero*"},
    {Cue::kModeHeavy, "artillería obuses cohete* tanque* misil*"},
    {Cue::kModeFirearms, "disparo* bala* francotirador*"},
    {Cue::kModeExplosives, "bomba* explosivo*"},
};

constexpr GroupList kEsGroups[] = {
    {"state forces", "tropas soldados ejército militares fuerzas policía policías"},
    {"rebel group", "rebeldes insurgentes combatientes yihadistas milicianos"},
    {"political militia", "milicia milicias"},
    {"protesters", "manifestantes"},
    {"rioters", "alborotadores"},
    {"civilians",
     "civiles habitantes vecinos refugiados migrantes personas gente multitud estudiantes "
     "trabajadores obreros campesinos maestros jóvenes votantes familias niños"},
    {"media", "periodista periodistas reportero reporteros fotógrafo fotógrafos"},
    {"rebel group", "separatistas secuestradores"},
    {"other",
     "sospechosos detenidos presos prisioneros sindicatos rehenes hombres mujeres grupo grupos "
     "organizadores delegación partidos países oposición coalición portavoz activistas"},
    {"government",
     "gobierno ministro ministros autoridades presidente parlamento ministerio gabinete "
     "dirigentes líderes negociadores fiscal fiscalía diplomáticos embajador embajadores "
     "alcalde tribunal juez homólogo homólogos"},
};

// Demonyms (adjectives of nationality) of countries often in the news, as
// facts: adjective -> ISO 3166-1 alpha-2, all languages in one list.
constexpr std::pair<std::string_view, std::string_view> kDemonyms[] = {
    {"libyan", "LY"},
    {"libische", "LY"},
    {"libisch", "LY"},
    {"libysche", "LY"},
    {"libyschen", "LY"},
    {"libyen", "LY"},
    {"libyenne", "LY"},
    {"libio", "LY"},
    {"libia", "LY"},
    {"egyptian", "EG"},
    {"egyptische", "EG"},
    {"ägyptische", "EG"},
    {"égyptien", "EG"},
    {"egipcio", "EG"},
    {"tunisian", "TN"},
    {"tunesische", "TN"},
    {"algerian", "DZ"},
    {"algerijnse", "DZ"},
    {"syrian", "SY"},
    {"syrische", "SY"},
    {"syrien", "SY"},
    {"sirio", "SY"},
    {"iraqi", "IQ"},
    {"iraakse", "IQ"},
    {"irakische", "IQ"},
    {"irakien", "IQ"},
    {"iraní", "IR"},
    {"iranian", "IR"},
    {"iraanse", "IR"},
    {"iranische", "IR"},
    {"iranien", "IR"},
    {"israeli", "IL"},
    {"israëlische", "IL"},
    {"israelische", "IL"},
    {"israélien", "IL"},
    {"israelí", "IL"},
    {"palestinian", "PS"},
    {"palestijnse", "PS"},
    {"palästinensische", "PS"},
    {"palestinien", "PS"},
    {"lebanese", "LB"},
    {"libanese", "LB"},
    {"libanesische", "LB"},
    {"libanais", "LB"},
    {"jordanian", "JO"},
    {"saudi", "SA"},
    {"saoedische", "SA"},
    {"saudische", "SA"},
    {"saoudien", "SA"},
    {"saudí", "SA"},
    {"yemeni", "YE"},
    {"jemenitische", "YE"},
    {"turkish", "TR"},
    {"turkse", "TR"},
    {"türkische", "TR"},
    {"turc", "TR"},
    {"turco", "TR"},
    {"russian", "RU"},
    {"russische", "RU"},
    {"russe", "RU"},
    {"ruso", "RU"},
    {"ukrainian", "UA"},
    {"oekraïense", "UA"},
    {"ukrainische", "UA"},
    {"ukrainien", "UA"},
    {"ucraniano", "UA"},
    {"american", "US"},
    {"amerikaanse", "US"},
    {"amerikanische", "US"},
    {"américain", "US"},
    {"estadounidense", "US"},
    {"u.s.", "US"},
    {"us", "US"},
    {"british", "GB"},
    {"britse", "GB"},
    {"britische", "GB"},
    {"britannique", "GB"},
    {"británico", "GB"},
    {"french", "FR"},
    {"franse", "FR"},
    {"französische", "FR"},
    {"français", "FR"},
    {"francés", "FR"},
    {"german", "DE"},
    {"duitse", "DE"},
    {"deutsche", "DE"},
    {"allemand", "DE"},
    {"alemán", "DE"},
    {"dutch", "NL"},
    {"nederlandse", "NL"},
    {"niederländische", "NL"},
    {"néerlandais", "NL"},
    {"belgian", "BE"},
    {"belgische", "BE"},
    {"italian", "IT"},
    {"italiaanse", "IT"},
    {"italienische", "IT"},
    {"italien", "IT"},
    {"italiano", "IT"},
    {"spanish", "ES"},
    {"spaanse", "ES"},
    {"spanische", "ES"},
    {"espagnol", "ES"},
    {"español", "ES"},
    {"chinese", "CN"},
    {"chinesische", "CN"},
    {"chinois", "CN"},
    {"chino", "CN"},
    {"japanese", "JP"},
    {"japanse", "JP"},
    {"indian", "IN"},
    {"indiase", "IN"},
    {"pakistani", "PK"},
    {"pakistaanse", "PK"},
    {"afghan", "AF"},
    {"afghaanse", "AF"},
    {"sudanese", "SD"},
    {"soedanese", "SD"},
    {"nigerian", "NG"},
    {"nigeriaanse", "NG"},
    {"malian", "ML"},
    {"malinese", "ML"},
    {"somali", "SO"},
    {"somalische", "SO"},
    {"ethiopian", "ET"},
    {"kenyan", "KE"},
    {"qatari", "QA"},
    {"emirati", "AE"},
    {"greek", "GR"},
    {"griekse", "GR"},
    {"polish", "PL"},
    {"poolse", "PL"},
    {"hungarian", "HU"},
    {"hongaarse", "HU"},
    {"romanian", "RO"},
    {"roemeense", "RO"},
    {"serbian", "RS"},
    {"croatian", "HR"},
    {"bosnian", "BA"},
    {"albanian", "AL"},
    {"cuban", "CU"},
    {"mexican", "MX"},
    {"mexicaanse", "MX"},
    {"brazilian", "BR"},
    {"braziliaanse", "BR"},
    {"argentine", "AR"},
    {"argentinian", "AR"},
    {"colombian", "CO"},
    {"venezuelan", "VE"},
    {"venezolaanse", "VE"},
    {"venezolano", "VE"},
    {"chilean", "CL"},
    {"peruvian", "PE"},
    {"canadian", "CA"},
    {"canadese", "CA"},
    {"australian", "AU"},
    {"korean", "KR"},
    {"north_korean", "KP"},
    {"vietnamese", "VN"},
    {"thai", "TH"},
    {"indonesian", "ID"},
    {"filipino", "PH"},
    {"south_african", "ZA"},
    {"zimbabwean", "ZW"},
    {"congolese", "CD"},
    {"rwandan", "RW"},
    {"ugandan", "UG"},
    {"moroccan", "MA"},
    {"marokkaanse", "MA"},
    {"kuwaiti", "KW"},
    {"bahraini", "BH"},
    {"omani", "OM"},
    {"armenian", "AM"},
    {"azerbaijani", "AZ"},
    {"georgian", "GE"},
    {"swedish", "SE"},
    {"zweedse", "SE"},
    {"norwegian", "NO"},
    {"noorse", "NO"},
    {"danish", "DK"},
    {"deense", "DK"},
    {"finnish", "FI"},
    {"swiss", "CH"},
    {"zwitserse", "CH"},
    {"austrian", "AT"},
    {"oostenrijkse", "AT"},
    {"irish", "IE"},
    {"ierse", "IE"},
    {"portuguese", "PT"},
    {"portugese", "PT"},
    {"czech", "CZ"},
    {"tsjechische", "CZ"},
    {"slovak", "SK"},
    {"bulgarian", "BG"},
    {"cypriot", "CY"},
    {"nicaraguan", "NI"},
    {"salvadoran", "SV"},
    {"guatemalan", "GT"},
    {"honduran", "HN"},
    {"panamanian", "PA"},
    {"haitian", "HT"},
    {"bolivian", "BO"},
    {"ecuadorian", "EC"},
    {"uruguayan", "UY"},
    {"paraguayan", "PY"},
    {"lao", "LA"},
    {"cambodian", "KH"},
    {"burmese", "MM"},
    {"sri_lankan", "LK"},
    {"bangladeshi", "BD"},
    {"nepalese", "NP"},
    {"mongolian", "MN"},
    {"kazakh", "KZ"},
    {"uzbek", "UZ"},
    {"tajik", "TJ"},
    {"chadian", "TD"},
    {"nigerien", "NE"},
    {"senegalese", "SN"},
    {"ghanaian", "GH"},
    {"ivorian", "CI"},
    {"liberian", "LR"},
    {"angolan", "AO"},
    {"mozambican", "MZ"},
    {"namibian", "NA"},
    {"tanzanian", "TZ"},
    {"eritrean", "ER"},
    {"djiboutian", "DJ"},
    {"taiwanese", "TW"},
    {"soviet", "RU"},
    {"yugoslav", "RS"},
    {"zairian", "CD"},
};

constexpr std::pair<std::string_view, int> kNumbers[] = {
    {"one", 1},     {"two", 2},     {"three", 3},    {"four", 4},      {"five", 5},
    {"six", 6},     {"seven", 7},   {"eight", 8},    {"nine", 9},      {"ten", 10},
    {"eleven", 11}, {"twelve", 12}, {"twenty", 20},  {"dozen", 12},    {"hundred", 100},
    {"een", 1},     {"twee", 2},    {"drie", 3},     {"vier", 4},      {"vijf", 5},
    {"zes", 6},     {"zeven", 7},   {"acht", 8},     {"negen", 9},     {"tien", 10},
    {"elf", 11},    {"twaalf", 12}, {"twintig", 20}, {"honderd", 100}, {"eins", 1},
    {"zwei", 2},    {"drei", 3},    {"fünf", 5},     {"sechs", 6},     {"sieben", 7},
    {"zehn", 10},   {"deux", 2},    {"trois", 3},    {"quatre", 4},    {"cinq", 5},
    {"dix", 10},    {"dos", 2},     {"tres", 3},     {"cuatro", 4},    {"cinco", 5},
    {"diez", 10},
};

// International organisations (lower case), any language.
constexpr std::string_view kIgos[] = {
    "un",
    "u.n.",
    "vn",
    "onu",
    "united nations",
    "verenigde naties",
    "vereinte nationen",
    "nations unies",
    "naciones unidas",
    "security council",
    "veiligheidsraad",
    "sicherheitsrat",
    "conseil de sécurité",
    "consejo de seguridad",
    "nato",
    "navo",
    "otan",
    "eu",
    "european union",
    "europese unie",
    "europäische union",
    "union européenne",
    "unión europea",
    "african union",
    "afrikaanse unie",
    "arab league",
    "arabische liga",
    "imf",
    "world bank",
    "wereldbank",
    "who",
    "red cross",
    "rode kruis",
    "icrc",
    "osce",
    "opec",
    "unhcr",
    "unicef",
    "unsmil",
    "interpol",
    "icc",
    "asean",
    "european commission",
    "europese commissie",
    "international criminal court",
    "internationaal strafhof",
    "un security council",
    "united nations",
    "vn-veiligheidsraad",
    "un-sicherheitsrat",
};

void AddTriggerWord(std::string_view alt, std::string_view type, std::string_view mode,
                    Lexicon* lex) {
  Trigger t{type, mode, "", "", 1};
  std::string first(alt);
  WordMap<std::vector<Trigger>>* table = &lex->exact;
  if (first[0] == '~') {
    first.erase(0, 1);
    table = &lex->tails;
    lex->tail_filter.Add(first);
  } else if (size_t u = first.find('_'); u != std::string::npos) {
    t.next = first.substr(u + 1);
    for (char& c : t.next) c = c == '_' ? ' ' : c;
    first.resize(u);
    t.strength += 10;
  } else if (size_t p = first.find('+'); p != std::string::npos) {
    t.particle = first.substr(p + 1);
    first.resize(p);
    t.strength += 10;
  }
  if (!first.empty() && first.back() == '*') {
    first.pop_back();
    table = &lex->prefix;
    lex->prefix_filter.Add(first);
  } else {
    t.strength += 5;
    if (table == &lex->exact) lex->exact_filter.Add(first);
  }
  t.strength += static_cast<int>(first.size());
  (*table)[first].push_back(std::move(t));
}

template <typename F>
void ForEachWord(std::string_view words, F f) {
  size_t i = 0;
  while (i < words.size()) {
    size_t j = words.find(' ', i);
    if (j == std::string_view::npos) j = words.size();
    if (j > i) f(words.substr(i, j - i));
    i = j + 1;
  }
}

void AddCue(std::string_view w, Cue cue, Lexicon* lex) {
  std::string word(w);
  for (char& c : word) c = c == '_' ? ' ' : c;
  if (word.back() == '*') {
    word.pop_back();
    lex->cue_prefix_filter.Add(word);
    lex->cue_prefixes.emplace(word, cue);
  } else {
    if (const size_t sp = word.find(' '); sp != std::string::npos) {
      lex->two_word_cue_heads.emplace(word.substr(0, sp), true);
    }
    lex->cues.emplace(word, cue);
  }
}

template <size_t NT, size_t NC, size_t NG>
Lexicon Build(const TriggerList (&triggers)[NT], const CueList (&cues)[NC],
              const GroupList (&groups)[NG]) {
  Lexicon lex;
  for (const TriggerList& l : triggers) {
    ForEachWord(l.words, [&](std::string_view w) { AddTriggerWord(w, l.type, l.mode, &lex); });
  }
  for (const CueList& l : cues) {
    ForEachWord(l.words, [&](std::string_view w) { AddCue(w, l.cue, &lex); });
  }
  for (const GroupList& l : groups) {
    ForEachWord(l.words, [&](std::string_view w) {
      if (w[0] == '~') lex.group_tail_filter.Add(w.substr(1));
      lex.groups.emplace(std::string(w), l.group);
    });
  }
  for (const auto& [adj, code] : kDemonyms) {
    std::string a(adj);
    for (char& c : a) c = c == '_' ? ' ' : c;
    lex.demonyms.emplace(a, code);
  }
  for (const auto& [word, n] : kNumbers) lex.numbers.emplace(word, n);
  for (const auto& [adj, code] : lex.demonyms) lex.demonym_lengths.Add(adj);
  return lex;
}

// The listed trigger a form (in the lists' notation) already has: an exact
// entry of the same shape, or for a plain word a prefix entry; else nullptr.
const Trigger* Listed(const Lexicon& lex, std::string_view form) {
  std::string first(form), next, particle;
  if (size_t u = first.find('_'); u != std::string::npos) {
    next = first.substr(u + 1);
    std::replace(next.begin(), next.end(), '_', ' ');
    first.resize(u);
  } else if (size_t p = first.find('+'); p != std::string::npos) {
    particle = first.substr(p + 1);
    first.resize(p);
  }
  if (auto it = lex.exact.find(first); it != lex.exact.end()) {
    for (const Trigger& t : it->second) {
      if (t.next == next && t.particle == particle) return &t;
    }
  }
  for (size_t n = first.size(); next.empty() && particle.empty() && n >= 3; --n) {
    auto it = lex.prefix.find(std::string_view(first).substr(0, n));
    if (it == lex.prefix.end()) continue;
    for (const Trigger& t : it->second) {
      if (t.next.empty() && t.particle.empty()) return &t;
    }
  }
  return nullptr;
}

// Round 7: the inflected forms of the listed Dutch verbs (events_morph.cc)
// that the lists lack, with the type and mode of the verb's first listed form.
Lexicon WithVerbForms(Lexicon lex) {
  for (const std::vector<std::string>& forms : DutchVerbForms()) {
    const Trigger* source = nullptr;
    for (const std::string& f : forms) {
      source = Listed(lex, f);
      if (source != nullptr && source->type != "-") break;
      source = nullptr;
    }
    if (source == nullptr) continue;
    const std::string_view type = source->type, mode = source->mode;
    for (const std::string& f : forms) {
      if (Listed(lex, f) != nullptr || ExcludedVerbForm(f)) continue;
      AddTriggerWord(f, type, mode, &lex);
      if (const size_t plus = f.find('+'); plus != std::string::npos) {
        lex.exact[f.substr(0, plus)].back().clause_particle = true;
      }
    }
  }
  return lex;
}

const WordMap<KnownActor>& ActorTable();

// English nationality adjectives of the actor table ("hungarian", "fijian").
Lexicon WithTableDemonyms(Lexicon lex) {
  for (const auto& [name, actor] : ActorTable()) {
    if (actor.group == "nationality") lex.demonyms.emplace(name, actor.country);
  }
  for (const auto& [adj, code] : lex.demonyms) lex.demonym_lengths.Add(adj);
  return lex;
}

}  // namespace

const Lexicon* LexiconFor(std::string_view lang) {
  static const Lexicon kEn = [] {
    Lexicon lex = WithTableDemonyms(Build(kEnTriggers, kEnCues, kEnGroups));
    lex.verbs = &EnglishVerbTable();
    return lex;
  }();
  static const Lexicon kNl = WithVerbForms(Build(kNlTriggers, kNlCues, kNlGroups));
  static const Lexicon kDe = Build(kDeTriggers, kDeCues, kDeGroups);
  static const Lexicon kFr = Build(kFrTriggers, kFrCues, kFrGroups);
  static const Lexicon kEs = Build(kEsTriggers, kEsCues, kEsGroups);
  if (lang == "en") return &kEn;
  if (lang == "nl") return &kNl;
  if (lang == "de") return &kDe;
  if (lang == "fr") return &kFr;
  if (lang == "es") return &kEs;
  return nullptr;
}

namespace {

WordMap<KnownActor> ParseActorTable() {
  WordMap<KnownActor> out;
  const std::string_view data(reinterpret_cast<const char*>(dl_actor_countries),
                              static_cast<size_t>(dl_actor_countries_end - dl_actor_countries));
  ForEachDataLine(data, [&](std::string_view line) {
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) return;
    out.emplace(std::string(line.substr(0, t1)),
                KnownActor{line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  });
  return out;
}

// The table's key of a name: folded, hyphens as spaces, words of letters,
// digits, apostrophes and dots joined by one space ("Al-Qaeda" -> "al qaeda").
std::string ActorKey(std::string_view name) {
  const std::string folded = text::Fold(name);
  std::string out;
  bool space = false;
  for (char ch : folded) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) != 0 || u >= 0x80 || ch == '\'' || ch == '.') {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(ch);
    } else {
      space = true;
    }
  }
  return out;
}

const WordMap<KnownActor>& ActorTable() {
  static const WordMap<KnownActor> kTable = ParseActorTable();
  return kTable;
}

}  // namespace

const KnownActor* LookupActor(std::string_view name) {
  // Names recur within a document and across documents: the answers are
  // remembered per thread (folding a name costs more than the lookup).
  thread_local WordMap<const KnownActor*> remembered;
  if (auto r = remembered.find(name); r != remembered.end()) return r->second;
  if (remembered.size() >= 8192) remembered.clear();
  const WordMap<KnownActor>& table = ActorTable();
  const std::string key = ActorKey(name);
  auto it = table.find(std::string_view(key));
  const KnownActor* found = nullptr;
  if (it != table.end() && it->second.group != "nationality") found = &it->second;
  // A surname alone ("Museveni") is found by the surname rows of the table; a
  // full name the table lacks ("Michael Howard") is not taken for another
  // person of the same surname.
  remembered.emplace(std::string(name), found);
  return found;
}

bool IsInternationalOrganisation(std::string_view lower_text) {
  static const WordSet kSet = [] {
    WordSet set;
    for (std::string_view igo : kIgos) set.Add(igo);
    return set;
  }();
  return kSet.contains(lower_text);
}

}  // namespace dateline::events
