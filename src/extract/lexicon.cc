#include "extract/lexicon.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace dateline::extract {
namespace {

struct Row {
  Cat cat;
  int16_t val;
  uint8_t langs;
  const char* words;  // space-separated, already folded
};

// All words are written folded: lower case, no diacritics, ß as ss.
const Row kRows[] = {
    // ---- months ----
    {kMonth, 1, kEN, "january"},
    {kMonth, 2, kEN, "february"},
    {kMonth, 3, kEN, "march"},
    {kMonth, 4, kEN, "april"},
    {kMonth, 105, kEN, "may"},
    {kMonth, 6, kEN, "june"},
    {kMonth, 7, kEN, "july"},
    {kMonth, 8, kEN, "august"},
    {kMonth, 9, kEN, "september"},
    {kMonth, 10, kEN, "october"},
    {kMonth, 11, kEN, "november"},
    {kMonth, 12, kEN, "december"},
    {kMonth, 101, kEN | kNL | kDE | kFR, "jan"},
    {kMonth, 102, kEN | kNL | kDE | kES, "feb"},
    {kMonth, 103, kEN | kES | kIT, "mar"},
    {kMonth, 104, kAllLangs, "apr"},
    {kMonth, 106, kEN | kNL | kDE, "jun"},
    {kMonth, 107, kEN | kNL | kDE | kIT, "jul"},
    {kMonth, 108, kEN | kNL | kDE, "aug"},
    {kMonth, 109, kAllLangs, "sep sept"},
    {kMonth, 110, kEN | kNL | kDE | kFR | kES | kIT, "oct okt ott"},
    {kMonth, 111, kAllLangs, "nov"},
    {kMonth, 112, kEN | kNL | kFR, "dec"},
    {kMonth, 1, kNL, "januari"},
    {kMonth, 2, kNL, "februari"},
    {kMonth, 3, kNL, "maart"},
    {kMonth, 103, kNL, "mrt mrt"},
    {kMonth, 4, kNL | kDE | kEN, "april"},
    {kMonth, 5, kNL, "mei"},
    {kMonth, 6, kNL | kDE, "juni"},
    {kMonth, 7, kNL | kDE, "juli"},
    {kMonth, 8, kNL | kDE, "augustus august"},
    {kMonth, 9, kNL | kDE, "september"},
    {kMonth, 10, kNL | kDE, "oktober"},
    {kMonth, 11, kNL | kDE, "november"},
    {kMonth, 12, kNL, "december"},
    {kMonth, 1, kDE, "januar janner"},
    {kMonth, 2, kDE, "februar"},
    {kMonth, 3, kDE, "marz maerz"},
    {kMonth, 103, kDE, "mrz"},
    {kMonth, 5, kDE, "mai"},
    {kMonth, 12, kDE, "dezember"},
    {kMonth, 112, kDE | kES | kIT, "dez dic"},
    {kMonth, 1, kFR, "janvier"},
    {kMonth, 101, kFR, "janv"},
    {kMonth, 2, kFR, "fevrier"},
    {kMonth, 102, kFR, "fevr fev"},
    {kMonth, 3, kFR, "mars"},
    {kMonth, 4, kFR, "avril"},
    {kMonth, 104, kFR, "avr"},
    {kMonth, 5, kFR, "mai"},
    {kMonth, 6, kFR, "juin"},
    {kMonth, 7, kFR, "juillet"},
    {kMonth, 107, kFR, "juil"},
    {kMonth, 8, kFR, "aout"},
    {kMonth, 9, kFR, "septembre"},
    {kMonth, 10, kFR, "octobre"},
    {kMonth, 11, kFR, "novembre"},
    {kMonth, 12, kFR, "decembre"},
    {kMonth, 1, kES, "enero"},
    {kMonth, 101, kES, "ene"},
    {kMonth, 2, kES, "febrero"},
    {kMonth, 3, kES | kIT, "marzo"},
    {kMonth, 4, kES, "abril"},
    {kMonth, 104, kES, "abr"},
    {kMonth, 5, kES, "mayo"},
    {kMonth, 6, kES, "junio"},
    {kMonth, 7, kES, "julio"},
    {kMonth, 8, kES | kIT, "agosto"},
    {kMonth, 108, kES | kIT, "ago"},
    {kMonth, 9, kES, "septiembre setiembre"},
    {kMonth, 10, kES, "octubre"},
    {kMonth, 11, kES, "noviembre"},
    {kMonth, 12, kES, "diciembre"},
    {kMonth, 1, kIT, "gennaio"},
    {kMonth, 101, kIT, "genn gen"},
    {kMonth, 2, kIT, "febbraio"},
    {kMonth, 102, kIT, "febbr"},
    {kMonth, 4, kIT, "aprile"},
    {kMonth, 5, kIT, "maggio"},
    {kMonth, 105, kIT, "magg"},
    {kMonth, 6, kIT, "giugno"},
    {kMonth, 106, kIT, "giu"},
    {kMonth, 7, kIT, "luglio"},
    {kMonth, 107, kIT, "lug"},
    {kMonth, 9, kIT, "settembre"},
    {kMonth, 109, kIT, "sett"},
    {kMonth, 10, kIT, "ottobre"},
    {kMonth, 11, kIT, "novembre"},
    {kMonth, 12, kIT, "dicembre"},
    // Arabic (Egyptian/Gulf names and Levantine names), folded alef.
    {kMonth, 1, kAR, "يناير كانون_الثاني"},
    {kMonth, 2, kAR, "فبراير شباط"},
    {kMonth, 3, kAR, "مارس اذار"},
    {kMonth, 4, kAR, "ابريل نيسان"},
    {kMonth, 5, kAR, "مايو ايار"},
    {kMonth, 6, kAR, "يونيو يونيه حزيران"},
    {kMonth, 7, kAR, "يوليو يوليه تموز"},
    {kMonth, 8, kAR, "اغسطس اب"},
    {kMonth, 9, kAR, "سبتمبر ايلول"},
    {kMonth, 10, kAR, "اكتوبر"},
    {kMonth, 11, kAR, "نوفمبر"},
    {kMonth, 12, kAR, "ديسمبر"},
    // ---- weekdays ----
    {kWeekday, 1, kEN, "monday mondays"},
    {kWeekday, 2, kEN, "tuesday tuesdays"},
    {kWeekday, 3, kEN, "wednesday wednesdays"},
    {kWeekday, 4, kEN, "thursday thursdays"},
    {kWeekday, 5, kEN, "friday fridays"},
    {kWeekday, 6, kEN, "saturday saturdays"},
    {kWeekday, 7, kEN, "sunday sundays"},
    {kWeekday, 1, kNL, "maandag"},
    {kWeekday, 2, kNL, "dinsdag"},
    {kWeekday, 3, kNL, "woensdag"},
    {kWeekday, 4, kNL, "donderdag"},
    {kWeekday, 5, kNL, "vrijdag"},
    {kWeekday, 6, kNL, "zaterdag"},
    {kWeekday, 7, kNL, "zondag"},
    {kWeekday, 1, kDE, "montag"},
    {kWeekday, 2, kDE, "dienstag"},
    {kWeekday, 3, kDE, "mittwoch"},
    {kWeekday, 4, kDE, "donnerstag"},
    {kWeekday, 5, kDE, "freitag"},
    {kWeekday, 6, kDE, "samstag sonnabend"},
    {kWeekday, 7, kDE, "sonntag"},
    {kWeekday, 1, kFR, "lundi"},
    {kWeekday, 2, kFR, "mardi"},
    {kWeekday, 3, kFR, "mercredi"},
    {kWeekday, 4, kFR, "jeudi"},
    {kWeekday, 5, kFR, "vendredi"},
    {kWeekday, 6, kFR, "samedi"},
    {kWeekday, 7, kFR, "dimanche"},
    {kWeekday, 1, kES, "lunes"},
    {kWeekday, 2, kES, "martes"},
    {kWeekday, 3, kES, "miercoles"},
    {kWeekday, 4, kES, "jueves"},
    {kWeekday, 5, kES, "viernes"},
    {kWeekday, 6, kES, "sabado"},
    {kWeekday, 7, kES, "domingo"},
    {kWeekday, 1, kIT, "lunedi"},
    {kWeekday, 2, kIT, "martedi"},
    {kWeekday, 3, kIT, "mercoledi"},
    {kWeekday, 4, kIT, "giovedi"},
    {kWeekday, 5, kIT, "venerdi"},
    {kWeekday, 6, kIT, "sabato"},
    {kWeekday, 7, kIT, "domenica"},
    {kWeekday, 1, kAR, "الاثنين الاتنين"},
    {kWeekday, 2, kAR, "الثلاثاء"},
    {kWeekday, 3, kAR, "الاربعاء"},
    {kWeekday, 4, kAR, "الخميس"},
    {kWeekday, 5, kAR, "الجمعه الجمعة"},
    {kWeekday, 6, kAR, "السبت"},
    {kWeekday, 7, kAR, "الاحد"},
    // ---- relative days ----
    {kRelDay, 0, kEN, "today"},
    {kRelDay, -1, kEN, "yesterday"},
    {kRelDay, 1, kEN, "tomorrow"},
    {kRelDay, 0, kNL, "vandaag heden"},
    {kRelDay, -1, kNL, "gisteren"},
    {kRelDay, 1, kNL, "morgen"},
    {kRelDay, -2, kNL, "eergisteren"},
    {kRelDay, 2, kNL, "overmorgen"},
    {kRelDay, 0, kDE, "heute"},
    {kRelDay, -1, kDE, "gestern"},
    {kRelDay, 1, kDE, "morgen"},
    {kRelDay, -2, kDE, "vorgestern"},
    {kRelDay, 2, kDE, "ubermorgen uebermorgen"},
    {kRelDay, 0, kFR, "aujourd'hui"},
    {kRelDay, -1, kFR, "hier"},
    {kRelDay, 1, kFR, "demain"},
    {kRelDay, -2, kFR, "avant-hier"},
    {kRelDay, 2, kFR, "apres-demain"},
    {kRelDay, 0, kES, "hoy"},
    {kRelDay, -1, kES, "ayer"},
    {kRelDay, 1, kES, "manana"},
    {kRelDay, -2, kES, "anteayer antier anteanoche"},
    {kRelDay, 0, kIT, "oggi"},
    {kRelDay, -1, kIT, "ieri"},
    {kRelDay, 1, kIT, "domani"},
    {kRelDay, -2, kIT, "altroieri"},
    {kRelDay, 2, kIT, "dopodomani"},
    {kRelDay, 0, kAR, "اليوم"},
    {kRelDay, -1, kAR, "امس وامس"},
    {kRelDay, 1, kAR, "غدا"},
    {kRelDayPod, 54, kEN, "tonight"},
    {kRelDayPod, 53, kNL, "vanavond"},
    {kRelDayPod, 54, kNL, "vannacht"},
    {kRelDayPod, 51, kNL, "vanochtend vanmorgen"},
    {kRelDayPod, 52, kNL, "vanmiddag"},
    {kRelDayPod, 43, kNL, "gisteravond"},
    {kRelDayPod, 41, kNL, "gisterochtend gistermorgen"},
    {kRelDayPod, 42, kNL, "gistermiddag"},
    {kRelDayPod, 44, kNL, "gisternacht"},
    {kRelDayPod, 61, kNL, "morgenochtend morgenvroeg"},
    {kRelDayPod, 63, kNL, "morgenavond"},
    {kRelDayPod, 62, kNL, "morgenmiddag"},
    {kRelDayPod, 53, kIT, "stasera"},
    {kRelDayPod, 54, kIT, "stanotte"},
    {kRelDayPod, 51, kIT, "stamattina stamane stamani"},
    {kRelDayPod, 44, kES, "anoche"},
    // ---- units ----
    {kUnit, kUSecond, kEN, "second seconds secs"},
    {kUnit, kUMinute, kEN, "minute minutes mins"},
    {kUnit, kUHour, kEN, "hour hours hrs"},
    {kUnit, kUDay, kEN, "day days"},
    {kUnit, kUWeek, kEN, "week weeks"},
    {kUnit, kUMonth, kEN, "month months"},
    {kUnit, kUQuarter, kEN, "quarter quarters"},
    {kUnit, kUYear, kEN, "year years"},
    {kUnit, kUDecade, kEN, "decade decades"},
    {kUnit, kUCentury, kEN, "century centuries"},
    {kUnit, kUWeekend, kEN, "weekend weekends"},
    {kUnit, kUSecond, kNL, "seconde seconden"},
    {kUnit, kUMinute, kNL, "minuut minuten"},
    {kUnit, kUHour, kNL, "uur uren"},
    {kUnit, kUDay, kNL, "dag dagen"},
    {kUnit, kUWeek, kNL, "week weken"},
    {kUnit, kUMonth, kNL, "maand maanden"},
    {kUnit, kUQuarter, kNL, "kwartaal kwartalen"},
    {kUnit, kUYear, kNL, "jaar jaren"},
    {kUnit, kUDecade, kNL, "decennium decennia"},
    {kUnit, kUCentury, kNL, "eeuw eeuwen"},
    {kUnit, kUWeekend, kNL | kDE | kIT, "weekend weekends"},
    {kUnit, kUSecond, kDE, "sekunde sekunden"},
    {kUnit, kUMinute, kDE, "minute minuten"},
    {kUnit, kUHour, kDE, "stunde stunden"},
    {kUnit, kUDay, kDE, "tag tage tagen tages"},
    {kUnit, kUWeek, kDE, "woche wochen"},
    {kUnit, kUMonth, kDE, "monat monate monaten monats"},
    {kUnit, kUQuarter, kDE, "quartal quartale quartals"},
    {kUnit, kUYear, kDE, "jahr jahre jahren jahres"},
    {kUnit, kUDecade, kDE, "jahrzehnt jahrzehnte jahrzehnten"},
    {kUnit, kUCentury, kDE, "jahrhundert jahrhunderte jahrhunderts"},
    {kUnit, kUWeekend, kDE, "wochenende"},
    {kUnit, kUSecond, kFR, "seconde secondes"},
    {kUnit, kUMinute, kFR, "minute minutes"},
    {kUnit, kUHour, kFR, "heure heures"},
    {kUnit, kUDay, kFR, "jour jours journee journees"},
    {kUnit, kUWeek, kFR, "semaine semaines"},
    {kUnit, kUMonth, kFR, "mois"},
    {kUnit, kUQuarter, kFR | kES | kIT, "trimestre trimestres"},
    {kUnit, kUYear, kFR, "an ans annee annees"},
    {kUnit, kUDecade, kFR, "decennie decennies"},
    {kUnit, kUCentury, kFR, "siecle siecles"},
    {kUnit, kUWeekend, kFR, "week-end week-ends"},
    {kUnit, kUSecond, kES | kIT, "segundo segundos secondo secondi"},
    {kUnit, kUMinute, kES | kIT, "minuto minutos minuti"},
    {kUnit, kUHour, kES, "hora horas"},
    {kUnit, kUDay, kES, "dia dias jornada jornadas"},
    {kUnit, kUWeek, kES, "semana semanas"},
    {kUnit, kUMonth, kES, "mes meses"},
    {kUnit, kUYear, kES, "ano anos"},
    {kUnit, kUDecade, kES, "decada decadas"},
    {kUnit, kUCentury, kES, "siglo siglos"},
    {kUnit, kUHour, kIT, "ora ore"},
    {kUnit, kUDay, kIT, "giorno giorni giornata giornate"},
    {kUnit, kUWeek, kIT, "settimana settimane"},
    {kUnit, kUMonth, kIT, "mese mesi"},
    {kUnit, kUYear, kIT, "anno anni"},
    {kUnit, kUDecade, kIT, "decennio decenni"},
    {kUnit, kUCentury, kIT, "secolo secoli"},
    {kUnit, kUDay, kAR, "يوم ايام"},
    {kUnit, kUWeek, kAR, "اسبوع اسابيع"},
    {kUnit, kUMonth, kAR, "شهر اشهر شهور"},
    {kUnit, kUYear, kAR, "عام سنه سنة اعوام سنوات"},
    // ---- numbers ----
    {kNum, 1, kEN, "one a an"},
    {kNum, 2, kEN, "two"},
    {kNum, 3, kEN, "three"},
    {kNum, 4, kEN, "four"},
    {kNum, 5, kEN, "five"},
    {kNum, 6, kEN, "six"},
    {kNum, 7, kEN, "seven"},
    {kNum, 8, kEN, "eight"},
    {kNum, 9, kEN, "nine"},
    {kNum, 10, kEN, "ten"},
    {kNum, 11, kEN, "eleven"},
    {kNum, 12, kEN, "twelve"},
    {kNum, 13, kEN, "thirteen"},
    {kNum, 14, kEN, "fourteen"},
    {kNum, 15, kEN, "fifteen"},
    {kNum, 16, kEN, "sixteen"},
    {kNum, 17, kEN, "seventeen"},
    {kNum, 18, kEN, "eighteen"},
    {kNum, 19, kEN, "nineteen"},
    {kNum, 100, kEN, "hundred"},
    {kTens, 20, kEN, "twenty"},
    {kTens, 30, kEN, "thirty"},
    {kTens, 40, kEN, "forty"},
    {kTens, 50, kEN, "fifty"},
    {kTens, 60, kEN, "sixty"},
    {kTens, 70, kEN, "seventy"},
    {kTens, 80, kEN, "eighty"},
    {kTens, 90, kEN, "ninety"},
    {kNum, 1, kNL, "een"},
    {kNum, 2, kNL, "twee"},
    {kNum, 3, kNL, "drie"},
    {kNum, 4, kNL, "vier"},
    {kNum, 5, kNL, "vijf"},
    {kNum, 6, kNL, "zes"},
    {kNum, 7, kNL, "zeven"},
    {kNum, 8, kNL | kDE, "acht"},
    {kNum, 9, kNL, "negen"},
    {kNum, 10, kNL, "tien"},
    {kNum, 11, kNL | kDE, "elf"},
    {kNum, 12, kNL, "twaalf"},
    {kNum, 14, kNL, "veertien"},
    {kNum, 15, kNL, "vijftien"},
    {kNum, 100, kNL, "honderd"},
    {kTens, 20, kNL, "twintig"},
    {kTens, 30, kNL, "dertig"},
    {kTens, 40, kNL, "veertig"},
    {kTens, 50, kNL, "vijftig"},
    {kTens, 60, kNL, "zestig"},
    {kTens, 70, kNL, "zeventig"},
    {kTens, 80, kNL, "tachtig"},
    {kTens, 90, kNL, "negentig"},
    {kNum, 1, kDE, "ein eine einem einen einer eines"},
    {kNum, 2, kDE, "zwei"},
    {kNum, 3, kDE, "drei"},
    {kNum, 4, kDE, "vier"},
    {kNum, 5, kDE, "funf fuenf"},
    {kNum, 6, kDE, "sechs"},
    {kNum, 7, kDE, "sieben"},
    {kNum, 9, kDE, "neun"},
    {kNum, 10, kDE, "zehn"},
    {kNum, 12, kDE, "zwolf zwoelf"},
    {kNum, 15, kDE, "funfzehn"},
    {kNum, 100, kDE, "hundert"},
    {kTens, 20, kDE, "zwanzig"},
    {kTens, 30, kDE, "dreissig"},
    {kTens, 40, kDE, "vierzig"},
    {kTens, 50, kDE, "funfzig"},
    {kTens, 60, kDE, "sechzig"},
    {kTens, 70, kDE, "siebzig"},
    {kTens, 80, kDE, "achtzig"},
    {kTens, 90, kDE, "neunzig"},
    {kNum, 1, kFR, "un une"},
    {kNum, 2, kFR, "deux"},
    {kNum, 3, kFR, "trois"},
    {kNum, 4, kFR, "quatre"},
    {kNum, 5, kFR, "cinq"},
    {kNum, 6, kFR, "six"},
    {kNum, 7, kFR, "sept"},
    {kNum, 8, kFR, "huit"},
    {kNum, 9, kFR, "neuf"},
    {kNum, 10, kFR, "dix"},
    {kNum, 11, kFR, "onze"},
    {kNum, 12, kFR, "douze"},
    {kNum, 15, kFR, "quinze"},
    {kNum, 100, kFR, "cent"},
    {kTens, 20, kFR, "vingt"},
    {kTens, 30, kFR, "trente"},
    {kTens, 40, kFR, "quarante"},
    {kTens, 50, kFR, "cinquante"},
    {kTens, 60, kFR, "soixante"},
    {kNum, 1, kES | kIT, "un uno una"},
    {kNum, 2, kES, "dos"},
    {kNum, 3, kES, "tres"},
    {kNum, 4, kES, "cuatro"},
    {kNum, 5, kES, "cinco"},
    {kNum, 6, kES, "seis"},
    {kNum, 7, kES, "siete"},
    {kNum, 8, kES, "ocho"},
    {kNum, 9, kES, "nueve"},
    {kNum, 10, kES, "diez"},
    {kNum, 11, kES, "once"},
    {kNum, 12, kES, "doce"},
    {kNum, 15, kES, "quince"},
    {kNum, 100, kES, "cien"},
    {kTens, 20, kES, "veinte"},
    {kTens, 30, kES, "treinta"},
    {kTens, 40, kES, "cuarenta"},
    {kTens, 50, kES, "cincuenta"},
    {kTens, 60, kES, "sesenta"},
    {kTens, 70, kES, "setenta"},
    {kTens, 80, kES, "ochenta"},
    {kTens, 90, kES, "noventa"},
    {kNum, 2, kIT, "due"},
    {kNum, 3, kIT, "tre"},
    {kNum, 4, kIT, "quattro"},
    {kNum, 5, kIT, "cinque"},
    {kNum, 6, kIT, "sei"},
    {kNum, 7, kIT, "sette"},
    {kNum, 8, kIT, "otto"},
    {kNum, 9, kIT, "nove"},
    {kNum, 10, kIT, "dieci"},
    {kNum, 11, kIT, "undici"},
    {kNum, 12, kIT, "dodici"},
    {kNum, 15, kIT, "quindici"},
    {kNum, 100, kIT, "cento"},
    {kTens, 20, kIT, "venti"},
    {kTens, 30, kIT, "trenta"},
    {kTens, 40, kIT, "quaranta"},
    {kTens, 50, kIT, "cinquanta"},
    {kTens, 60, kIT, "sessanta"},
    {kTens, 70, kIT, "settanta"},
    {kTens, 80, kIT, "ottanta"},
    {kTens, 90, kIT, "novanta"},
    // ---- ordinals ----
    {kOrd, 1, kEN, "first"},
    {kOrd, 2, kEN, "second"},
    {kOrd, 3, kEN, "third"},
    {kOrd, 4, kEN, "fourth"},
    {kOrd, 19, kEN, "nineteenth"},
    {kOrd, 20, kEN, "twentieth"},
    {kOrd, 21, kEN, "twenty-first"},
    {kOrd, 1, kNL, "eerste"},
    {kOrd, 2, kNL, "tweede"},
    {kOrd, 3, kNL, "derde"},
    {kOrd, 4, kNL, "vierde"},
    {kOrd, 19, kNL, "negentiende"},
    {kOrd, 20, kNL, "twintigste"},
    {kOrd, 21, kNL, "eenentwintigste"},
    {kOrd, 1, kDE, "erste ersten erster erstes"},
    {kOrd, 2, kDE, "zweite zweiten"},
    {kOrd, 3, kDE, "dritte dritten"},
    {kOrd, 4, kDE, "vierte vierten"},
    {kOrd, 1, kFR, "premier premiere 1er"},
    {kOrd, 2, kFR, "deuxieme second seconde"},
    {kOrd, 3, kFR, "troisieme"},
    {kOrd, 4, kFR, "quatrieme"},
    {kOrd, 1, kES | kIT, "primer primero primera primo prima"},
    {kOrd, 2, kES | kIT, "segundo segunda secondo seconda"},
    {kOrd, 3, kES | kIT, "tercer tercero tercera terzo terza"},
    {kOrd, 4, kES | kIT, "cuarto cuarta quarto quarta"},
    // ---- last / next / this ----
    {kLast, -1, kEN, "last previous preceding"},
    {kNext, 1, kEN, "next coming following upcoming"},
    {kThis, 0, kEN, "this current"},
    {kLast, -1, kNL, "vorige vorig afgelopen verleden jongstleden"},
    {kNext, 1, kNL, "volgende volgend komende komend aanstaande"},
    {kThis, 0, kNL, "deze dit"},
    {kLast, -1, kDE,
     "letzte letzten letzter letztes vergangene vergangenen vergangener vergangenes vorige vorigen "
     "voriges"},
    {kNext, 1, kDE, "nachste nachsten nachster nachstes kommende kommenden kommender kommendes"},
    {kThis, 0, kDE, "diese diesen dieser dieses"},
    {kLast, -1, kFR, "dernier derniere passe passee precedent precedente"},
    {kNext, 1, kFR, "prochain prochaine suivant suivante"},
    {kThis, 0, kFR, "ce cet cette"},
    {kLast, -1, kES, "pasado pasada ultimo ultima anterior"},
    {kNext, 1, kES, "proximo proxima entrante siguiente"},
    {kThis, 0, kES, "este esta"},
    {kLast, -1, kIT, "scorso scorsa passato passata ultimo ultima precedente"},
    {kNext, 1, kIT, "prossimo prossima"},
    {kThis, 0, kIT, "questo questa quest"},
    {kLast, -1, kAR, "الماضي الماضية المنصرم الفائت"},
    {kNext, 1, kAR, "المقبل المقبلة القادم القادمة"},
    // ---- ago / in ----
    {kAgo, -1, kEN, "ago earlier"},
    {kAgo, 1, kEN, "later hence"},
    {kAgo, -1, kNL, "geleden eerder"},
    {kAgo, 1, kNL, "later"},
    {kAgo, -1, kIT, "fa prima"},
    {kAgo, 1, kIT, "dopo"},
    {kAgo, 1, kDE, "spater"},
    {kAgo, 1, kFR, "plus_tard"},
    {kAgoPre, -1, kDE, "vor"},
    {kAgoPre, -1, kES, "hace"},
    {kAgoPre, -1, kAR, "منذ"},
    {kInPre, 1, kEN, "in within"},
    {kInPre, 1, kNL, "over binnen"},
    {kInPre, 1, kDE, "in binnen"},
    {kInPre, 1, kFR, "dans"},
    {kInPre, 1, kES, "dentro"},
    {kInPre, 1, kIT, "tra fra entro"},
    // ---- seasons ----
    {kSeason, 1, kEN, "spring"},
    {kSeason, 2, kEN, "summer"},
    {kSeason, 3, kEN, "autumn fall"},
    {kSeason, 4, kEN, "winter"},
    {kSeason, 1, kNL, "lente voorjaar"},
    {kSeason, 2, kNL, "zomer"},
    {kSeason, 3, kNL, "herfst najaar"},
    {kSeason, 4, kNL | kDE, "winter"},
    {kSeason, 1, kDE, "fruhling fruhjahr fruehling fruehjahr"},
    {kSeason, 2, kDE, "sommer"},
    {kSeason, 3, kDE, "herbst"},
    {kSeason, 1, kFR, "printemps"},
    {kSeason, 2, kFR, "ete"},
    {kSeason, 3, kFR, "automne"},
    {kSeason, 4, kFR, "hiver"},
    {kSeason, 1, kES | kIT, "primavera"},
    {kSeason, 2, kES, "verano"},
    {kSeason, 3, kES, "otono"},
    {kSeason, 4, kES, "invierno"},
    {kSeason, 2, kIT, "estate"},
    {kSeason, 3, kIT, "autunno"},
    {kSeason, 4, kIT, "inverno"},
    // ---- early / mid / late ----
    {kModStart, 0, kEN, "early beginning start"},
    {kModMid, 0, kEN, "mid middle"},
    {kModEnd, 0, kEN, "late end"},
    {kModStart, 0, kNL, "begin"},
    {kModMid, 0, kNL, "medio midden half"},
    {kModEnd, 0, kNL, "eind einde eind-"},
    {kModStart, 0, kDE, "anfang"},
    {kModMid, 0, kDE, "mitte"},
    {kModEnd, 0, kDE, "ende"},
    {kModStart, 0, kFR, "debut"},
    {kModMid, 0, kFR, "mi milieu"},
    {kModEnd, 0, kFR, "fin"},
    {kModStart, 0, kES, "principios comienzos inicios"},
    {kModMid, 0, kES, "mediados"},
    {kModEnd, 0, kES, "finales fines"},
    {kModStart, 0, kIT, "inizio"},
    {kModMid, 0, kIT, "meta"},
    {kModEnd, 0, kIT, "fine"},
    // ---- parts of day ----
    {kPod, 1, kEN, "morning mornings"},
    {kPod, 2, kEN, "afternoon afternoons"},
    {kPod, 3, kEN, "evening evenings"},
    {kPod, 4, kEN, "night nights"},
    {kPod, 1, kNL, "ochtend"},
    {kPod, 2, kNL, "middag namiddag"},
    {kPod, 3, kNL, "avond"},
    {kPod, 4, kNL, "nacht"},
    {kPod, 1, kDE, "morgen vormittag fruh"},
    {kPod, 2, kDE, "mittag nachmittag"},
    {kPod, 3, kDE, "abend"},
    {kPod, 4, kDE, "nacht"},
    {kPod, 1, kFR, "matin matinee"},
    {kPod, 2, kFR, "apres-midi"},
    {kPod, 3, kFR, "soir soiree"},
    {kPod, 4, kFR, "nuit"},
    {kPod, 1, kES, "manana"},
    {kPod, 2, kES, "tarde"},
    {kPod, 4, kES, "noche madrugada"},
    {kPod, 1, kIT, "mattina mattino mattinata"},
    {kPod, 2, kIT, "pomeriggio"},
    {kPod, 3, kIT, "sera serata"},
    {kPod, 4, kIT, "notte nottata"},
    // ---- references ----
    {kRef, 0, kEN, "now currently presently nowadays current"},
    {kRef, 1, kEN, "recently recent lately formerly"},
    {kRef, 2, kEN, "future"},
    {kRef, 0, kNL, "nu momenteel thans tegenwoordig heden"},
    {kRef, 1, kNL, "onlangs recent recentelijk vroeger"},
    {kRef, 2, kNL, "toekomst"},
    {kRef, 0, kDE, "jetzt derzeit zurzeit gegenwartig momentan"},
    {kRef, 1, kDE, "kurzlich neulich jungst"},
    {kRef, 2, kDE, "zukunft"},
    {kRef, 0, kFR, "maintenant actuellement desormais"},
    {kRef, 1, kFR, "recemment"},
    {kRef, 2, kFR, "avenir"},
    {kRef, 0, kES, "ahora actualmente"},
    {kRef, 1, kES, "recientemente"},
    {kRef, 2, kES | kIT, "futuro"},
    {kRef, 0, kIT, "adesso attualmente"},
    {kRef, 1, kIT, "recentemente"},
    // ---- sets ----
    {kSetAdv, kUDay, kEN, "daily"},
    {kSetAdv, kUWeek, kEN, "weekly"},
    {kSetAdv, kUMonth, kEN, "monthly"},
    {kSetAdv, kUYear, kEN, "annually yearly annual"},
    {kSetAdv, kUHour, kEN, "hourly"},
    {kSetAdv, kUQuarter, kEN, "quarterly"},
    {kSetAdv, kUDay, kNL, "dagelijks"},
    {kSetAdv, kUWeek, kNL, "wekelijks"},
    {kSetAdv, kUMonth, kNL, "maandelijks"},
    {kSetAdv, kUYear, kNL, "jaarlijks"},
    {kSetAdv, kUDay, kDE, "taglich"},
    {kSetAdv, kUWeek, kDE, "wochentlich"},
    {kSetAdv, kUMonth, kDE, "monatlich"},
    {kSetAdv, kUYear, kDE, "jahrlich"},
    {kSetAdv, kUDay, kFR, "quotidiennement"},
    {kSetAdv, kUWeek, kFR, "hebdomadairement"},
    {kSetAdv, kUMonth, kFR, "mensuellement"},
    {kSetAdv, kUYear, kFR, "annuellement"},
    {kSetAdv, kUDay, kES | kIT, "diariamente quotidianamente"},
    {kSetAdv, kUWeek, kES | kIT, "semanalmente settimanalmente"},
    {kSetAdv, kUMonth, kES | kIT, "mensualmente mensilmente"},
    {kSetAdv, kUYear, kES | kIT, "anualmente annualmente"},
    {kEvery, 0, kEN, "every each per"},
    {kEvery, 0, kNL, "elke iedere ieder elk per"},
    {kEvery, 0, kDE, "jeden jede jedes jeder pro"},
    {kEvery, 0, kFR, "chaque"},
    {kEvery, 0, kES, "cada"},
    {kEvery, 0, kIT, "ogni"},
    {kEvery, 0, kAR, "كل"},
    // ---- tense cues ----
    // Future auxiliaries, and words that point to the future whatever their tense:
    // modals of obligation and plan ("would", "is scheduled", "soll", "doit", "debe").
    {kFutAux, 0, kEN, "will 'll shall won't would might scheduled slated"},
    {kFutAux, 0, kNL, "zal zullen zult zou zouden moet moeten gepland verwacht wil willen"},
    {kFutAux, 0, kDE, "wird werden werde wirst werdet soll sollen geplant vorgesehen erwartet"},
    {kFutAux, 0, kFR,
     "sera seront aura auront fera feront ira iront pourra pourront devra devront va vont doit "
     "doivent devrait devraient prevu prevue prevus prevues"},
    {kFutAux, 0, kES,
     "sera seran habra habran hara haran ira iran podra podran debera deberan debe deben deberia "
     "previsto prevista previstos previstas preve"},
    {kFutAux, 0, kIT,
     "sara saranno avra avranno fara faranno andra dovra potra deve devono dovrebbe dovrebbero "
     "previsto prevista previsti previste prevede"},
    {kPlan, 0, kEN,
     "plan plans planned planning expect expects expected set due intend intends intended aim "
     "aims aimed agree agrees agreed decided prepared preparing ready likely going hope hopes "
     "hoped is are was were about"},
    {kClause, 0, kEN,
     "that which who whom whose when while whereas because although though if but where"},
    {kClause, 0, kNL, "dat die wat omdat terwijl maar toen wanneer hoewel"},
    {kClause, 0, kDE, "dass weil wahrend aber wenn obwohl sondern"},
    {kClause, 0, kFR, "que qu qui quand mais lorsque lorsqu parce tandis"},
    {kClause, 0, kES, "que quien cuando pero porque mientras aunque"},
    {kClause, 0, kIT, "che quando ma perche mentre sebbene"},
    {kBeAux, 0, kEN, "be been being is are am will would to not can could should must"},
    {kFutAux, 0, kAR, "سوف سيتم"},
    {kPastAux, 0, kEN,
     "was were had did said told went came took made gave saw won lost fell rose met began left "
     "sent held led brought spent paid sold bought fought killed seized struck announced reported "
     "added called ended launched attacked claimed died became got kept felt knew thought stood "
     "ran "
     "broke built caught chose drove fled flew grew heard meant rode sank shot sat slept spoke "
     "stole swore taught tore threw understood woke wore wrote sought drew fought hung hid lent "
     "overcame rose shook spun stuck stung swept swung withdrew underwent upheld overthrew"},
    {kPastAux, 0, kNL,
     "was waren had hadden werd werden zei zeiden kwam kwamen ging gingen nam namen gaf gaven "
     "liet lieten vond vonden sprak spraken bleef bleven stierf stierven vielen viel trok trokken "
     "begon begonnen sloeg sloegen vloog vlogen verklaarde meldde maakte"},
    {kPastAux, 0, kDE,
     "war waren hatte hatten wurde wurden sagte sagten kam kamen ging gingen nahm nahmen gab gaben "
     "fand fanden sprach blieb starb starben begann begannen erklarte teilte"},
    {kPastAux, 0, kFR, "etait etaient avait avaient fut furent eut fit dit"},
    {kPastAux, 0, kES, "fue fueron era eran habia habian dijo tuvo hizo estuvo"},
    {kPastAux, 0, kIT, "era erano aveva avevano fu furono disse ebbe fece"},
    {kPerfAux, 0, kEN, "has have"},
    {kPerfAux, 0, kNL, "heeft hebben is zijn ben"},
    {kPerfAux, 0, kDE, "hat haben ist sind habe"},
    {kPerfAux, 0, kFR, "a ont est sont ai"},
    {kPerfAux, 0, kES, "ha han he"},
    {kPerfAux, 0, kIT, "ha hanno e sono ho"},
    // ---- ranges, articles, prepositions ----
    {kRangeTo, 0, kEN, "to until till through thru and"},
    {kRangeTo, 0, kNL, "tot en"},
    {kRangeTo, 0, kDE, "bis und"},
    {kRangeTo, 0, kFR, "au et"},
    {kRangeTo, 0, kES, "al y a"},
    {kRangeTo, 0, kIT, "al e"},
    {kRangeFrom, 0, kEN, "from between"},
    {kRangeFrom, 0, kNL, "van tussen"},
    {kRangeFrom, 0, kDE, "vom von zwischen"},
    {kRangeFrom, 0, kFR, "du entre"},
    {kRangeFrom, 0, kES, "del desde entre"},
    {kRangeFrom, 0, kIT, "dal tra"},
    {kArticle, 0, kEN, "the"},
    {kArticle, 0, kNL, "de het"},
    {kArticle, 0, kDE, "der die das den dem des"},
    {kArticle, 0, kFR, "le la les l"},
    {kArticle, 0, kES, "el la los las"},
    {kArticle, 0, kIT, "il la lo gli le l"},
    {kPrep, 0, kEN,
     "in since by until till before after during of from to for around about early late mid and "
     "or through throughout into between both"},
    {kPrep, 0, kNL, "in sinds tot voor na van rond eind begin medio en of"},
    {kPrep, 0, kDE, "im in seit bis vor nach von um anfang ende mitte und oder"},
    {kPrep, 0, kFR, "en depuis jusqu avant apres de des fin debut et ou"},
    {kPrep, 0, kES, "en desde hasta antes despues de del y o"},
    {kPrep, 0, kIT, "nel dal fino prima dopo del di e o"},
    {kFew, 0, kEN, "several few couple some many"},
    {kFew, 0, kNL, "enkele paar aantal"},
    {kFew, 0, kDE, "einige mehrere paar"},
    {kFew, 0, kFR, "quelques plusieurs"},
    {kFew, 0, kES, "varios varias algunos algunas"},
    {kFew, 0, kIT, "alcuni alcune diversi diverse qualche"},
    {kAgeWord, 0, kEN, "old"},
    {kAgeWord, 0, kNL, "oud oude"},
    {kAgeWord, 0, kDE, "alt alte alter alten"},
    {kDecadeWord, 0, kNL, "jaren"},
    {kDecadeWord, 0, kFR, "annees"},
    {kDecadeWord, 0, kES, "anos"},
    {kDecadeWord, 0, kIT, "anni"},
    // English decades in words ("the nineties"): the value is the decade
    {kDecadeWord, 20, kEN, "twenties"},
    {kDecadeWord, 30, kEN, "thirties"},
    {kDecadeWord, 40, kEN, "forties"},
    {kDecadeWord, 50, kEN, "fifties"},
    {kDecadeWord, 60, kEN, "sixties"},
    {kDecadeWord, 70, kEN, "seventies"},
    {kDecadeWord, 80, kEN, "eighties"},
    {kDecadeWord, 90, kEN, "nineties"},
    {kAmPm, 0, kEN, "am a.m"},
    {kAmPm, 12, kEN, "pm p.m"},
    {kHourWord, 0, kNL, "uur u"},
    {kHourWord, 0, kDE, "uhr"},
    {kHourWord, 0, kFR, "h heures heure"},
    {kHourWord, 0, kES, "horas h"},
    {kHourWord, 0, kIT, "ore"},
    {kNoon, 12, kEN, "noon midday"},
    {kNoon, 0, kEN, "midnight"},
    {kNoon, 12, kFR, "midi"},
    {kNoon, 0, kFR, "minuit"},
    {kNoon, 0, kNL, "middernacht"},
    {kNoon, 0, kDE, "mitternacht"},
    {kNoon, 0, kES, "medianoche"},
    {kNoon, 12, kES, "mediodia"},
    {kNoon, 0, kIT, "mezzanotte"},
    {kNoon, 12, kIT, "mezzogiorno"},
    {kFiscal, 0, kEN, "fiscal"},
    {kPlural, 0, kEN, "days weeks months quarters years decades centuries"},
    {kPlural, 0, kNL, "dagen weken maanden kwartalen jaren decennia eeuwen"},
    {kPlural, 0, kDE, "tage tagen wochen monate monaten quartale jahre jahren jahrzehnte"},
    {kPlural, 0, kFR, "jours semaines annees decennies siecles"},
    {kPlural, 0, kES, "dias semanas meses anos decadas siglos"},
    {kPlural, 0, kIT, "giorni settimane mesi anni decenni secoli"},
    {kPast, 0, kEN, "past"},
    {kPresent, 0, kEN,
     "is are meet meets begin begins starts opens closes resume resumes arrive arrives "
     "convene convenes expire expires takes leaves travels hosts"},
    {kHoliday, 1225, kAllLangs, "christmas kerstmis kerst weihnachten noel navidad natale"},
    {kHoliday, 1031, kEN, "halloween"},
    {kHoliday, 1, kEN, "thanksgiving"},
    {kHoliday, 3, kEN, "election"},  // only "Election Day" (see MatchHoliday)
    {kHoliday, 2, kAllLangs, "easter pasen ostern paques pascua pasqua"},
};

// An open-addressing table of the folded words (FNV-1a), with a 64 Kbit filter on
// (length, first byte, last byte) that rejects most other words before hashing.
struct Table {
  std::vector<std::string> keys;
  std::vector<LexInfo> infos;
  std::vector<uint32_t> slots;  // index into keys/infos + 1; 0 = empty
  uint64_t filter[1024] = {};
  uint32_t mask = 0;
  size_t max_len = 0;
  std::vector<uint64_t> short_keys;  // packed words of up to 8 bytes; 0 = empty
  std::vector<const LexInfo*> short_infos;
  uint32_t short_mask = 0;

  static uint32_t FilterBit(std::string_view k) {
    return (static_cast<uint32_t>(k.size()) * 0x9E37u ^ static_cast<unsigned char>(k[0]) * 0x01F3u ^
            static_cast<unsigned char>(k.back()) * 0x5BD1u) &
           0xFFFFu;
  }
  static uint64_t Hash(std::string_view k) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (char c : k) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h ^ (h >> 29);
  }
  void Add(const std::string& key, const LexEntry& e, std::unordered_map<std::string, int>* ids) {
    auto [it, added] = ids->emplace(key, static_cast<int>(keys.size()));
    if (added) {
      keys.push_back(key);
      infos.emplace_back();
    }
    LexInfo& info = infos[it->second];
    if (info.n < 6) info.e[info.n++] = e;
  }
  void Index() {
    size_t cap = 16;
    while (cap < keys.size() * 4) cap *= 2;
    slots.assign(cap, 0);
    mask = static_cast<uint32_t>(cap - 1);
    for (size_t i = 0; i < keys.size(); ++i) {
      uint32_t s = static_cast<uint32_t>(Hash(keys[i])) & mask;
      while (slots[s]) s = (s + 1) & mask;
      slots[s] = static_cast<uint32_t>(i + 1);
      if (keys[i].empty()) continue;
      uint32_t b = FilterBit(keys[i]);
      filter[b >> 6] |= uint64_t{1} << (b & 63);
      max_len = std::max(max_len, keys[i].size());
    }
  }
  // Words of up to 8 bytes are looked up as one integer (their bytes, zero-padded:
  // words never contain a zero byte); longer ones through the filter and the
  // string table.
  static uint64_t Pack(std::string_view k) {
    uint64_t x = 0;
    for (size_t i = 0; i < k.size(); ++i)
      x |= uint64_t{static_cast<unsigned char>(k[i])} << (8 * i);
    return x;
  }
  static uint32_t ShortSlot(uint64_t x, uint32_t m) { return PackedWords::Slot(x, m); }
  void IndexShort() {
    size_t cap = 16;
    while (cap < keys.size() * 4) cap *= 2;
    short_keys.assign(cap, 0);
    short_infos.assign(cap, nullptr);
    short_mask = static_cast<uint32_t>(cap - 1);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].empty() || keys[i].size() > 8) continue;
      uint64_t x = Pack(keys[i]);
      uint32_t s = ShortSlot(x, short_mask);
      while (short_keys[s]) s = (s + 1) & short_mask;
      short_keys[s] = x;
      short_infos[s] = &infos[i];
    }
  }
  PackedWords packed;
  const LexInfo* GetShort(uint64_t x) const { return packed.Find(x); }
  const LexInfo* Get(std::string_view k, bool readable8) const {
    if (k.empty() || k.size() > max_len) return nullptr;
    if (k.size() <= 8) {
      uint64_t x;
      if (readable8 && std::endian::native == std::endian::little) {
        std::memcpy(&x, k.data(), 8);  // little-endian: the first byte is the lowest
        if (k.size() < 8) x &= (uint64_t{1} << (8 * k.size())) - 1;
      } else {
        x = Pack(k);
      }
      return GetShort(x);
    }
    uint32_t b = FilterBit(k);
    if (!((filter[b >> 6] >> (b & 63)) & 1)) return nullptr;
    for (uint32_t s = static_cast<uint32_t>(Hash(k)) & mask; slots[s]; s = (s + 1) & mask) {
      const std::string& key = keys[slots[s] - 1];
      if (key.size() == k.size() && std::memcmp(key.data(), k.data(), k.size()) == 0)
        return &infos[slots[s] - 1];
    }
    return nullptr;
  }
  Table() {
    std::unordered_map<std::string, int> ids;
    for (const Row& r : kRows) {
      std::string_view ws(r.words);
      size_t i = 0;
      while (i < ws.size()) {
        size_t j = ws.find(' ', i);
        if (j == std::string_view::npos) j = ws.size();
        if (j > i) {
          std::string w(ws.substr(i, j - i));
          for (char& c : w)
            if (c == '_') c = ' ';
          std::string key;
          FoldWord(w, &key);
          Add(key, LexEntry{r.cat, r.val, r.langs}, &ids);
        }
        i = j + 1;
      }
    }
    Index();
    IndexShort();
    packed.keys = short_keys.data();
    packed.infos = short_infos.data();
    packed.mask = short_mask;
  }
};

const Table& GetTable() {
  static const Table t;
  return t;
}

}  // namespace

const LexInfo* Lookup(std::string_view folded, bool readable8) {
  static const Table& t = GetTable();
  return t.Get(folded, readable8);
}

const PackedWords& GetPackedWords() { return GetTable().packed; }

size_t MaxWordLength() { return GetTable().max_len; }

namespace {

// The folded replacement of code point cp, or nullptr to keep it as it is.
const char* FoldCp(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static const char* const kLatin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
    return kLatin1[cp - 0xC0];
  }
  if (cp == 0x153 || cp == 0x152) return "oe";
  if (cp == 0x2019 || cp == 0x2018) return "'";
  if (cp == 0x623 || cp == 0x625 || cp == 0x622) return "\xD8\xA7";  // alef
  if (cp == 0x649) return "\xD9\x8A";                                // yeh
  if ((cp >= 0x64B && cp <= 0x652) || cp == 0x640) return "";        // harakat, tatweel
  return nullptr;
}

}  // namespace

// Unchanged bytes are copied in runs; only changed ones are written one by one.
void FoldWord(std::string_view w, std::string* out) {
  size_t run = 0, i = 0;
  while (i < w.size()) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        out->append(w.data() + run, i - run);
        out->push_back(static_cast<char>(c + 32));
        run = i + 1;
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = 1;
    if ((c & 0xE0) == 0xC0 && i + 1 < w.size()) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(w[i + 1]) & 0x3F);
      len = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < w.size()) {
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(w[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(w[i + 2]) & 0x3F);
      len = 3;
    } else {
      ++i;  // a lone byte: kept
      continue;
    }
    if (const char* rep = FoldCp(cp)) {
      out->append(w.data() + run, i - run);
      out->append(rep);
      run = i + len;
    }
    i += len;
  }
  out->append(w.data() + run, i - run);
}

}  // namespace dateline::extract
