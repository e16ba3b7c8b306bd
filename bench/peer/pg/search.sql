-- PostgreSQL FTS query benchmark, timed inside the server (PL/pgSQL,
-- clock_timestamp(), microsecond resolution): excludes the client round trip.
-- Input: normalised query file (text TAB lang) on psql's standard input.
-- psql variables: reps, modes (space-separated, run in that order).
-- Line: text TAB lang [TAB from TAB to]; from/to (YYYY-MM-DD) is the window of mode "dated".  Per query: bare words -> plainto_tsquery(cfg, words),
-- each "phrase" -> phraseto_tsquery(cfg, phrase), all AND-ed (&&); cfg is the
-- snowball configuration of the query's language, 'simple' otherwise.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_q, bench_lat, bench_res;
CREATE TABLE bench_q(qidx serial, line text);
\copy bench_q(line) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
UPDATE bench_q SET qidx = qidx - 1;
ALTER TABLE bench_q ADD COLUMN qtext text, ADD COLUMN lang text,
  ADD COLUMN words text, ADD COLUMN phrases text[], ADD COLUMN cfg regconfig,
  ADD COLUMN dfrom date, ADD COLUMN dto date;
UPDATE bench_q SET qtext = split_part(coalesce(line, ''), E'\t', 1),
                   lang  = lower(trim(split_part(coalesce(line, ''), E'\t', 2))),
                   dfrom = nullif(trim(split_part(coalesce(line, ''), E'\t', 3)), '')::date,
                   dto   = nullif(trim(split_part(coalesce(line, ''), E'\t', 4)), '')::date;
UPDATE bench_q SET
  phrases = ARRAY(SELECT m[1] FROM regexp_matches(qtext, '"([^"]*)"', 'g') AS m),
  words = replace(regexp_replace(qtext, '"[^"]*"', ' ', 'g'), '"', ' '),
  cfg = coalesce((SELECT c.cfg FROM lang_cfg c WHERE c.code = bench_q.lang), 'simple'::regconfig);
DELETE FROM bench_q WHERE trim(qtext) = '';
CREATE TABLE bench_lat(mode text, qidx int, rep int, ns bigint);
CREATE TABLE bench_res(mode text, qidx int, cnt bigint, ids text[]);

CREATE OR REPLACE FUNCTION bench_run(p_mode text, p_reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record; q tsquery; ph text; t0 timestamptz; t1 timestamptz;
  ids text[]; n bigint; rep int;
BEGIN
  FOR rep IN -1 .. p_reps - 1 LOOP          -- rep -1 is the warm-up pass
    FOR r IN SELECT * FROM bench_q
             WHERE (p_mode <> 'phrase' OR cardinality(phrases) > 0)
               AND (p_mode <> 'dated' OR dfrom IS NOT NULL) ORDER BY qidx LOOP
      t0 := clock_timestamp();
      q := plainto_tsquery(r.cfg, r.words);
      FOREACH ph IN ARRAY r.phrases LOOP
        q := q && phraseto_tsquery(r.cfg, ph);
      END LOOP;
      IF p_mode = 'count' THEN
        EXECUTE 'SELECT count(*) FROM docs WHERE tsv @@ $1' INTO n USING q;
        ids := NULL;
      ELSIF p_mode = 'dated' THEN
        EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM docs WHERE tsv @@ $1 AND d BETWEEN $2 AND $3 '
                'ORDER BY ts_rank_cd(tsv, $1) DESC LIMIT 10) s' INTO ids USING q, r.dfrom, r.dto;
        n := -1;
      ELSIF p_mode = 'top10count' THEN   -- two statements: top 10, then the exact count
        EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM docs WHERE tsv @@ $1 '
                'ORDER BY ts_rank_cd(tsv, $1) DESC LIMIT 10) s' INTO ids USING q;
        EXECUTE 'SELECT count(*) FROM docs WHERE tsv @@ $1' INTO n USING q;
      ELSE
        EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM docs WHERE tsv @@ $1 '
                'ORDER BY ts_rank_cd(tsv, $1) DESC LIMIT 10) s' INTO ids USING q;
        n := -1;
      END IF;
      t1 := clock_timestamp();
      IF rep < 0 THEN
        INSERT INTO bench_res VALUES (p_mode, r.qidx, n, ids);
      ELSE
        INSERT INTO bench_lat VALUES (p_mode, r.qidx, rep,
                                      (extract(epoch FROM (t1 - t0)) * 1e9)::bigint);
      END IF;
    END LOOP;
  END LOOP;
END $$;

SELECT set_config('bench.modes', :'modes', false) AS modes_set,
       set_config('bench.reps', :'reps', false) AS reps_set \gset
DO $$
DECLARE m text;
BEGIN
  FOREACH m IN ARRAY string_to_array(current_setting('bench.modes'), ' ') LOOP
    IF m <> '' THEN PERFORM bench_run(m, current_setting('bench.reps')::int); END IF;
  END LOOP;
END $$;
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1] AS hwm \gset
\echo PG_BACKEND_VMHWM_KB :hwm
