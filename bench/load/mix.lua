-- wrk script: a realistic mix against `dateline serve` (bench/load/README.md).
--   60% searches (sample queries, with facets; some with a language or date
--        filter, some sorted by date, some on page 2),
--   20% document fetches (ids listed in $DL_IDS, one per line),
--   10% timelines, 5% places as GeoJSON (the map), 5% stories.
-- done() prints req/s, latency percentiles and the error counts as key=value lines.

local queries = {
  "Tripoli", "Haftar", "luchtaanvallen", "Salame", '"VN-Veiligheidsraad"',
  "storm AND (Schiphol OR Frankfurt)", "lang:ar طرابلس", "person:Haftar",
  'person:"Khalifa Haftar" country:LY', "Ghadames", "Libya OR Libië OR Libye",
  "verkiezingen", "Elske", "Valmora", "near:32.89,13.19,50", "*", "UN -lang:nl",
  "event-date:[2019-04-04 TO 2019-04-06]", "org:UN", "place:Tripoli",
}
local langs = { "", "", "", "nl", "en", "fr", "de", "es", "ar" }
local ranges = { { "", "" }, { "", "" }, { "2019-04-01", "2019-04-30" }, { "2019-04", "" }, { "", "2019-12-31" } }
local ids = {}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function pick(t) return t[math.random(#t)] end

local function selection()
  local q = "q=" .. encode(pick(queries))
  local lang = pick(langs)
  if lang ~= "" then q = q .. "&lang=" .. lang end
  local r = pick(ranges)
  if r[1] ~= "" then q = q .. "&from=" .. r[1] end
  if r[2] ~= "" then q = q .. "&to=" .. r[2] end
  return q
end

function setup(thread)
  thread:set("seed", math.random(1, 1e9))
end

function init(args)
  math.randomseed(seed or os.time())
  local f = io.open(os.getenv("DL_IDS") or "", "r")
  if f then
    for line in f:lines() do if line ~= "" then ids[#ids + 1] = line end end
    f:close()
  end
end

function request()
  local x = math.random(100)
  local path
  if x <= 60 or (x <= 80 and #ids == 0) then
    path = "/api/search?" .. selection() .. "&limit=20&facet_limit=10"
    if math.random(4) == 1 then path = path .. "&sort=date" end
    if math.random(10) == 1 then path = path .. "&offset=20" end
  elseif x <= 80 then
    path = "/api/doc/" .. encode(pick(ids))
  elseif x <= 90 then
    path = "/api/timeline?" .. selection()
  elseif x <= 95 then
    path = "/api/places?" .. selection() .. "&format=geojson&limit=200"
  else
    path = "/api/stories?" .. selection() .. "&limit=10"
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("requests=%d\nseconds=%.1f\nreq_per_s=%.1f\n", summary.requests, secs, summary.requests / secs))
  io.write(string.format("latency_p50_ms=%.2f\nlatency_p90_ms=%.2f\nlatency_p99_ms=%.2f\nlatency_max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non_2xx_3xx=%d\nsocket_errors=%d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
