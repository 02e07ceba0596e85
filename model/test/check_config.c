/*
 * check_config.c - unit tests of the config parser (model/hbm_config.h)
 * and the address map (model/hbm_addr_map.h), against
 * docs/configuration.md.
 *
 * Owns: the presets load; every key of hbm_params.def is documented;
 * every kind of error names the file, the line, the key and the value;
 * the generated Verilog header carries every value of the config; the
 * address map is a bijection for every field order and XOR setting and
 * places the fields where the map string says.  Broken configs are made
 * by editing the text of configs/hbm2_2000.ini in memory, so the line
 * numbers in the expected messages come from the edit, not from this
 * file.
 *
 * Run from the repository root: CK_FORK=no build/test/check_config
 */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_test_util.h"
#include "hbm_timing.h"

#define DOC "docs/configuration.md"

#define NPRESETS TU_NPRESETS

/* The text of configs/hbm2_2000.ini and its parsed values. */
static char *preset_text;
static struct hbm_config preset;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;

    if (!f)
        return NULL;
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    ck_assert_int_ge(n, 0);
    ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
    text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void setup(void)
{
    preset_text = read_text(TU_PRESET);
    ck_assert_ptr_nonnull(preset_text);
    tu_load(&preset, TU_PRESET);
}

static void teardown(void)
{
    free(preset_text);
    preset_text = NULL;
}

/* ---- editing the preset text ------------------------------------------ */

#define EDIT_MAX 16384

/* 1-based number of the line that sets key, or 0. */
static int key_line(const char *text, const char *key)
{
    const char *p = text;
    int line = 1;
    size_t n = strlen(key);

    while (*p) {
        const char *s = p;
        while (*s == ' ' || *s == '\t')
            s++;
        if (strncmp(s, key, n) == 0) {
            const char *e = s + n;
            while (*e == ' ' || *e == '\t')
                e++;
            if (*e == '=')
                return line;
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
        line++;
    }
    return 0;
}

/*
 * out = text with line `line` (1-based) replaced by repl (NULL: removed)
 * or, if insert, with repl inserted as a new line after it.
 */
static void edit_line(const char *text, int line, const char *repl, int insert, char *out)
{
    const char *p = text;
    int n = 1;
    size_t used = 0;

    out[0] = '\0';
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        ck_assert_uint_lt(used + len + (repl ? strlen(repl) : 0) + 2, EDIT_MAX);
        if (n != line || insert) {
            memcpy(out + used, p, len);
            used += len;
        }
        if (n == line && repl) {
            used += (size_t)sprintf(out + used, "%s\n", repl);
        }
        p += len;
        n++;
    }
    out[used] = '\0';
}

/* The preset with `key = value`; *line gets the line number. */
static void with_value(const char *key, const char *value, char *out, int *line)
{
    char repl[256];
    *line = key_line(preset_text, key);
    ck_assert_msg(*line > 0, "key %s not in the preset", key);
    snprintf(repl, sizeof repl, "%s = %s", key, value);
    edit_line(preset_text, *line, repl, 0, out);
}

static void with_int(const char *key, long v, char *out, int *line)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    with_value(key, buf, out, line);
}

/*
 * Parse text as "t.ini": it must fail with a message that starts with
 * "t.ini:LINE:" (or "t.ini:" for line 0) and quotes each non-NULL part.
 */
static void expect_error(const char *text, int line, const char *part1, const char *part2)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX] = "", head[32], q[128];

    ck_assert_msg(hbm_config_parse(&c, text, "t.ini", err) == -1, "config accepted; expected an error at line %d",
                  line);
    if (line)
        snprintf(head, sizeof head, "t.ini:%d: ", line);
    else
        snprintf(head, sizeof head, "t.ini: ");
    ck_assert_msg(strncmp(err, head, strlen(head)) == 0, "message does not start with '%s': %s", head, err);
    if (part1) {
        snprintf(q, sizeof q, "'%s'", part1);
        ck_assert_msg(strstr(err, q) != NULL, "message does not quote %s: %s", q, err);
    }
    if (part2) {
        snprintf(q, sizeof q, "'%s'", part2);
        ck_assert_msg(strstr(err, q) != NULL, "message does not quote %s: %s", q, err);
    }
}

/* An edited value must be refused at its line, naming key and value. */
static void expect_value_error(const char *key, const char *value)
{
    char text[EDIT_MAX];
    int line;

    with_value(key, value, text, &line);
    expect_error(text, line, key, value);
}

static void expect_int_error(const char *key, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    expect_value_error(key, buf);
}

/* An edited value must be accepted. */
static void expect_accepted(const char *key, const char *value, struct hbm_config *c)
{
    char text[EDIT_MAX], err[HBM_ERR_MAX];
    int line;

    with_value(key, value, text, &line);
    ck_assert_msg(hbm_config_parse(c, text, "t.ini", err) == 0, "%s = %s refused: %s", key, value, err);
}

static void expect_int_accepted(const char *key, long v, struct hbm_config *c)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    expect_accepted(key, buf, c);
}

/* ==== presets ============================================================ */

START_TEST(test_every_preset_loads_and_derives_its_geometry)
{
    struct hbm_config c;
    int i;

    for (i = 0; i < NPRESETS; i++) {
        tu_load(&c, tu_preset_path(i));
        ck_assert_str_eq(c.source, tu_preset_path(i));
        ck_assert_int_eq(c.banks, c.bankgroups * c.banks_per_group);
        ck_assert_int_eq(1 << c.bg_bits, c.bankgroups);
        ck_assert_int_eq(1 << c.ba_bits, c.banks_per_group);
        ck_assert_int_eq(1 << c.row_bits, c.rows);
        ck_assert_int_eq(1 << c.col_bits, c.columns);
        ck_assert_uint_eq(c.capacity_bytes,
                          (uint64_t)c.banks * (uint64_t)c.rows * (uint64_t)c.columns * HBM_BURST_BYTES);
        ck_assert_uint_eq(c.capacity_bytes, (uint64_t)1 << c.addr_bits);
        /* 32-byte bursts, 16 bytes a clock: 2 beats a clock on a 64-bit
         * bus (HBM2), 4 on a 32-bit one (HBM3) */
        ck_assert_int_eq(c.bus_width_bits * c.burst_length, 8 * (int)HBM_BURST_BYTES);
        ck_assert_int_eq(c.tburst, 2);
        ck_assert_int_eq(c.burst_length / c.tburst, c.bus_width_bits == 64 ? 2 : 4);
    }
}
END_TEST

START_TEST(test_parse_of_the_preset_text_equals_load)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    ck_assert_msg(hbm_config_parse(&c, preset_text, TU_PRESET, err) == 0, "%s", err);
    ck_assert_mem_eq(&c, &preset, sizeof c);
}
END_TEST

/* The key list of hbm_params.def, expanded here as every user does. */
struct def_key {
    const char *section, *key, *vh;
    size_t offset;
};

#define HBM_PARAM(sec, key, field, kind, lo, hi, vh) \
    { #sec, #key, #vh, offsetof(struct hbm_config, field) },
static const struct def_key def_keys[] = {
#include "hbm_params.def"
};
#undef HBM_PARAM
#define NDEF ((int)(sizeof def_keys / sizeof def_keys[0]))

START_TEST(test_key_list_is_hbm_params_def)
{
    int i;

    ck_assert_int_eq(hbm_config_key_count(), NDEF);
    for (i = 0; i < NDEF; i++) {
        ck_assert_str_eq(hbm_config_key_name(i), def_keys[i].key);
        ck_assert_str_eq(hbm_config_key_section(i), def_keys[i].section);
        /* Every key is in the preset. */
        ck_assert_msg(key_line(preset_text, def_keys[i].key) > 0, "%s missing from %s", def_keys[i].key, TU_PRESET);
    }
}
END_TEST

START_TEST(test_every_key_of_hbm_params_def_is_documented)
{
    char *doc = read_text(DOC);
    char q[96];
    int i;

    if (!doc) {
        fprintf(stderr, "check_config: SKIPPED %s: %s not written yet\n", __func__, DOC);
        return;
    }
    for (i = 0; i < NDEF; i++) {
        snprintf(q, sizeof q, "`%s`", def_keys[i].key);
        if (!strstr(doc, q)) {
            free(doc);
            ck_abort_msg("%s does not document key %s (looked for %s)", DOC, def_keys[i].key, q);
        }
    }
    free(doc);
}
END_TEST

/* ==== values ============================================================= */

START_TEST(test_tck_ns_is_stored_as_exact_picoseconds)
{
    struct hbm_config c;

    expect_accepted("tCK_ns", "0.625", &c);
    ck_assert_int_eq(c.tck_ps, 625);
    expect_accepted("tCK_ns", "1", &c);
    ck_assert_int_eq(c.tck_ps, 1000);
    expect_accepted("tCK_ns", "2.5", &c);
    ck_assert_int_eq(c.tck_ps, 2500);
    expect_accepted("tCK_ns", "0.1", &c);
    ck_assert_int_eq(c.tck_ps, 100);
}
END_TEST

START_TEST(test_enumerations_read_their_names)
{
    struct hbm_config c;
    int i;

    for (i = 0; i < 3; i++) {
        expect_accepted("page_policy", hbm_page_policy_name(i), &c);
        ck_assert_int_eq(c.page_policy, i);
        expect_accepted("refresh_mode", hbm_refresh_mode_name(i), &c);
        ck_assert_int_eq(c.refresh_mode, i);
    }
    for (i = 0; i < 4; i++) {
        expect_accepted("address_xor", hbm_addr_xor_name(i), &c);
        ck_assert_int_eq(c.address_xor, i);
    }
    for (i = 0; i < 2; i++) {
        expect_accepted("scheduler", hbm_scheduler_name(i), &c);
        ck_assert_int_eq(c.scheduler, i);
        expect_accepted("refresh_pick", hbm_refresh_pick_name(i), &c);
        ck_assert_int_eq(c.refresh_pick, i);
    }
    ck_assert_str_eq(hbm_addr_xor_name(HBM_XOR_FOLD), "fold");
    ck_assert_str_eq(hbm_addr_xor_name(HBM_XOR_FOLDMIX), "foldmix");
    ck_assert_str_eq(hbm_scheduler_name(HBM_SCHED_FCFS), "fcfs");
    ck_assert_str_eq(hbm_refresh_pick_name(HBM_REFPICK_RECENT), "recent");
    ck_assert_str_eq(hbm_page_policy_name(HBM_PAGE_ADAPTIVE), "adaptive");
    ck_assert_str_eq(hbm_refresh_mode_name(HBM_REFRESH_PER_BANK), "per_bank");
}
END_TEST

/* ==== errors: file, line, key, value ====================================== */

START_TEST(test_unknown_key_is_an_error_at_its_line)
{
    char text[EDIT_MAX];
    int line = key_line(preset_text, "RL");

    edit_line(preset_text, line, "tFOO = 3", 1, text);
    expect_error(text, line + 1, "tFOO", NULL);
}
END_TEST

START_TEST(test_unknown_and_repeated_key_errors_quote_the_value)
{
    char text[EDIT_MAX];
    int line = key_line(preset_text, "RL");

    edit_line(preset_text, line, "tFOO = 3", 1, text);
    expect_error(text, line + 1, "tFOO", "3");
    edit_line(preset_text, line, "RL = 77", 1, text);
    expect_error(text, line + 1, "RL", "77");
}
END_TEST

START_TEST(test_unknown_section_is_an_error_at_its_line)
{
    char text[EDIT_MAX];
    int line = key_line(preset_text, "RL");
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    edit_line(preset_text, line, "[foo]", 1, text);
    expect_error(text, line + 1, NULL, NULL);
    ck_assert_int_eq(hbm_config_parse(&c, text, "t.ini", err), -1);
    ck_assert_msg(strstr(err, "foo") != NULL, "%s", err);
}
END_TEST

START_TEST(test_missing_key_is_an_error_naming_key_and_section)
{
    char text[EDIT_MAX];
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    edit_line(preset_text, key_line(preset_text, "tFAW"), NULL, 0, text);
    expect_error(text, 0, "tFAW", NULL);
    ck_assert_int_eq(hbm_config_parse(&c, text, "t.ini", err), -1);
    ck_assert_msg(strstr(err, "timing") != NULL, "%s", err);
}
END_TEST

START_TEST(test_repeated_key_is_an_error_at_the_second_line)
{
    char text[EDIT_MAX], repl[64], first[32];
    int line = key_line(preset_text, "RL");
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    snprintf(repl, sizeof repl, "RL = %d", preset.rl);
    edit_line(preset_text, line, repl, 1, text);
    expect_error(text, line + 1, "RL", NULL);
    /* It also says where the key was first set. */
    ck_assert_int_eq(hbm_config_parse(&c, text, "t.ini", err), -1);
    snprintf(first, sizeof first, "%d", line);
    ck_assert_msg(strstr(strstr(err, ": "), first) != NULL, "%s", err);
}
END_TEST

START_TEST(test_value_that_is_not_a_number_is_an_error)
{
    expect_value_error("RL", "abc");
    expect_value_error("RL", "14x");
    expect_value_error("RL", "-1");
    expect_value_error("RL", "1.5");
    expect_value_error("rows", "");
}
END_TEST

START_TEST(test_value_out_of_range_is_an_error)
{
    expect_int_error("RL", 1000);
    expect_int_error("bankgroups", 0);
    expect_int_error("read_queue_depth", 1000);
    expect_int_error("refresh_postpone", 9);
    expect_value_error("tCK_ns", "1000.0");
}
END_TEST

START_TEST(test_trc_below_tras_plus_trp_is_an_error_at_trc)
{
    expect_int_error("tRC", preset.tras + preset.trp - 1);
}
END_TEST

START_TEST(test_rows_not_a_power_of_two_is_an_error)
{
    expect_int_error("rows", preset.rows + preset.rows / 2);
    expect_int_error("columns", preset.columns - 1);
}
END_TEST

START_TEST(test_wq_low_not_below_wq_high_is_an_error_at_wq_low)
{
    expect_int_error("wq_low_watermark", preset.wq_high);
}
END_TEST

START_TEST(test_rq_low_at_read_queue_depth_is_an_error_at_rq_low)
{
    expect_int_error("rq_low_watermark", preset.read_queue_depth);
}
END_TEST

START_TEST(test_sched_window_of_one_is_an_error_and_0_2_64_are_accepted)
{
    struct hbm_config c;

    /* 1 would leave fcfs no entry after the head; 65 is past any queue */
    expect_int_error("sched_window", 1);
    expect_int_error("sched_window", 65);
    expect_accepted("sched_window", "0", &c);
    ck_assert_int_eq(c.sched_window, 0);
    expect_accepted("sched_window", "2", &c);
    ck_assert_int_eq(c.sched_window, 2);
    expect_accepted("sched_window", "64", &c);
    ck_assert_int_eq(c.sched_window, 64);
}
END_TEST

START_TEST(test_wq_high_above_write_queue_depth_is_an_error_at_wq_high)
{
    char text[EDIT_MAX], buf[32];
    int line;

    with_int("write_queue_depth", preset.wq_high - 1, text, &line);
    snprintf(buf, sizeof buf, "%d", preset.wq_high);
    expect_error(text, key_line(preset_text, "wq_high_watermark"), "wq_high_watermark", buf);
}
END_TEST

/* ==== based_on =========================================================== */

static int parse_named(struct hbm_config *c, const char *text, const char *name, char *err)
{
    return hbm_config_parse(c, text, name, err);
}

START_TEST(test_based_on_takes_the_base_and_overrides_only_the_keys_given)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    ck_assert_msg(parse_named(&c, "; comment\nbased_on = hbm2_2000.ini\n[controller]\n"
                              "scheduler = fcfs\nread_queue_depth = 7\n", "configs/t.ini", err) == 0,
                  "refused: %s", err);
    ck_assert_int_eq(c.scheduler, HBM_SCHED_FCFS);
    ck_assert_int_eq(c.read_queue_depth, 7);
    ck_assert_int_eq(c.trcdrd, preset.trcdrd);
    ck_assert_int_eq(c.write_queue_depth, preset.write_queue_depth);
    ck_assert_str_eq(c.source, "configs/t.ini");
}
END_TEST

START_TEST(test_based_on_errors_name_the_file_line_key_and_value)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    /* a base that does not exist */
    ck_assert_int_eq(parse_named(&c, "based_on = nope.ini\n", "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:1: key 'based_on' = 'nope.ini'") && strstr(err, "configs/nope.ini"),
                  "%s", err);
    /* after a section or a key: not first */
    ck_assert_int_eq(parse_named(&c, "[controller]\nbased_on = hbm2_2000.ini\n", "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:2: key 'based_on'") != NULL, "%s", err);
    ck_assert_int_eq(parse_named(&c, "based_on = hbm2_2000.ini\nbased_on = hbm2_2000.ini\n",
                                 "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:2: key 'based_on'") != NULL, "%s", err);
    /* an override that breaks a cross-key rule is blamed on its own line */
    ck_assert_int_eq(parse_named(&c, "based_on = hbm2_2000.ini\n[controller]\nwq_low_watermark = 63\n",
                                 "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:3: key 'wq_low_watermark' = '63'") != NULL, "%s", err);
    /* an inherited key broken by an override names the base */
    ck_assert_int_eq(parse_named(&c, "based_on = hbm2_2000.ini\n[controller]\nwrite_queue_depth = 8\n",
                                 "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "key 'wq_high_watermark' = '60' (from based_on configs/hbm2_2000.ini)") != NULL,
                  "%s", err);
    /* an empty based_on */
    ck_assert_int_eq(parse_named(&c, "based_on =\n", "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:1: key 'based_on' = ''") != NULL, "%s", err);
    /* an enumerated value is named as written, not as its number */
    ck_assert_int_eq(parse_named(&c, "based_on = hbm2_2000.ini\n[structure]\nrows = 4\n"
                                 "[controller]\naddress_xor = row\naddress_map = ro-ba-co-bg\n",
                                 "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "key 'address_xor' = 'row'") != NULL, "%s", err);
    /* an override given twice */
    ck_assert_int_eq(parse_named(&c, "based_on = hbm2_2000.ini\n[timing]\nRL = 14\nRL = 15\n",
                                 "configs/t.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/t.ini:4: key 'RL' = '15': repeated") != NULL, "%s", err);
}
END_TEST

START_TEST(test_emit_vh_refuses_a_geometry_the_rtl_cannot_build)
{
    struct hbm_config c = preset;
    char *buf = NULL, err[HBM_ERR_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    c.banks_per_group = 1;
    c.address_xor = HBM_XOR_FOLD;   /* foldmix needs 4 x 4 banks */
    snprintf(c.address_map, sizeof c.address_map, "ro-ba-co-bg");
    tu_finish(&c);   /* the model takes one bank per group ... */
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(hbm_config_emit_vh(&c, f, err), -1);   /* ... the RTL does not */
    fclose(f);
    free(buf);
    ck_assert_msg(strstr(err, "key 'banks_per_group' = '1'") != NULL, "%s", err);
}
END_TEST

START_TEST(test_shipped_baseline_is_hbm2_2000_with_the_plain_controller)
{
    struct hbm_config b;

    tu_load(&b, "configs/baseline.ini");
    ck_assert_int_eq(b.scheduler, HBM_SCHED_FCFS);
    ck_assert_int_eq(b.refresh_mode, HBM_REFRESH_ALL_BANK);
    ck_assert_int_eq(b.address_xor, HBM_XOR_NONE);
    ck_assert_int_eq(b.page_policy, HBM_PAGE_OPEN);
    ck_assert_int_eq(b.map_bit[HBM_FIELD_COLUMN][0], 0);   /* linear: columns lowest */
    ck_assert_int_eq(b.trcdrd, preset.trcdrd);
    ck_assert_int_eq(b.trefi, preset.trefi);
    ck_assert_int_eq(b.read_queue_depth, preset.read_queue_depth);
}
END_TEST

START_TEST(test_bad_address_map_is_an_error)
{
    expect_value_error("address_map", "ro-ba-co");         /* a field missing */
    expect_value_error("address_map", "ro-ba-ba-co");      /* a field twice   */
    expect_value_error("address_map", "ro-ba-xx-co");      /* unknown field   */
    expect_value_error("address_map", "ro-ba-bg-co-ro");   /* one too many    */
    expect_value_error("address_map", "ro_ba_bg_co");      /* wrong separator */
    expect_value_error("address_map", "ro-ba-bg-co[4]");   /* co[4] twice     */
    {   /* an empty map set by a program, not read from a file (the parser refuses '') */
        struct hbm_config c = preset;
        char err[HBM_ERR_MAX];
        c.address_map[0] = '\0';
        ck_assert_int_eq(hbm_config_finish(&c, err), -1);
        ck_assert_msg(strstr(err, "address_map") != NULL, "%s", err);
    }
    expect_value_error("address_map", "ro-ba-bg-co[4:1]"); /* co[0] missing   */
    expect_value_error("address_map", "ro-ba-bg-co[5:0]"); /* co has 5 bits   */
    expect_value_error("address_map", "ro-ba-bg-co[0:4]"); /* ascending range */
    expect_value_error("address_map", "ro-ba-bg-co[4");    /* malformed       */
    expect_value_error("address_map", "ro-ba-bg-co[]");    /* malformed       */
    expect_value_error("address_map", "ro-ba-bg-co[4]x");  /* malformed       */
    expect_value_error("address_xor", "1");                /* the names only  */
    expect_value_error("scheduler", "fifo");
    expect_value_error("refresh_pick", "highest");
}
END_TEST

/* A burst is 32 bytes: BL4 on 64 bits (HBM2) or BL8 on 32 (HBM3), nothing else. */
START_TEST(test_a_burst_other_than_32_bytes_is_an_error)
{
    char text[EDIT_MAX];
    int line;

    expect_value_error("BL", "8");              /* 64 x 8 bits */
    expect_value_error("BL", "9");              /* above the range */
    with_value("bus_width_bits", "32", text, &line); /* 32 x 4 bits: named at BL */
    expect_error(text, key_line(preset_text, "BL"), "BL", "4");
    with_value("bus_width_bits", "48", text, &line);
    expect_error(text, key_line(preset_text, "BL"), "BL", "4");
}
END_TEST

/* Stack IDs share the bank groups; a column command to another one waits
 * at least as long as to another group of its own. */
START_TEST(test_stack_ids_that_do_not_divide_the_bank_groups_or_a_short_tccd_r_are_errors)
{
    struct hbm_config c;
    char two_groups[EDIT_MAX], text[EDIT_MAX];
    int line;

    /* 4 stack IDs over 2 bank groups */
    with_value("bankgroups", "2", two_groups, &line);
    edit_line(two_groups, key_line(preset_text, "stack_ids"), "stack_ids = 4", 0, text);
    expect_error(text, key_line(preset_text, "stack_ids"), "stack_ids", "4");
    expect_value_error("stack_ids", "3");   /* not a power of two */
    expect_value_error("stack_ids", "8");   /* above the range */
    expect_accepted("stack_ids", "4", &c);  /* one group each */
    ck_assert_int_eq(c.sid_shift, c.ba_bits);
    expect_accepted("stack_ids", "2", &c);
    ck_assert_int_eq(c.sid_shift, c.ba_bits + c.bg_bits - 1);
    expect_int_error("tCCD_R", preset.tccd_s - 1);
}
END_TEST

START_TEST(test_trefipb_times_banks_above_trefi_is_an_error)
{
    expect_int_error("tREFIpb", preset.trefi / preset.banks + 1);
}
END_TEST

START_TEST(test_trtw_without_an_idle_data_bus_clock_is_an_error)
{
    expect_int_error("tRTW", preset.rl + preset.tburst - preset.wl);
}
END_TEST

START_TEST(test_bad_tck_ns_is_an_error)
{
    expect_value_error("tCK_ns", "1.2345");
    expect_value_error("tCK_ns", "abc");
    expect_value_error("tCK_ns", "1.");
    expect_value_error("tCK_ns", ".5");
    expect_value_error("tCK_ns", "0.0");
}
END_TEST

START_TEST(test_finish_names_the_key_of_an_edited_config)
{
    struct hbm_config c = preset;
    char err[HBM_ERR_MAX] = "";

    c.trc = c.tras + c.trp - 1;
    ck_assert_int_eq(hbm_config_finish(&c, err), -1);
    ck_assert_msg(strstr(err, TU_PRESET) != NULL, "%s", err);
    ck_assert_msg(strstr(err, "'tRC'") != NULL, "%s", err);
    c = preset;
    c.wq_high = c.write_queue_depth + 1;
    ck_assert_int_eq(hbm_config_finish(&c, err), -1);
    ck_assert_msg(strstr(err, "'wq_high_watermark'") != NULL, "%s", err);
    c = preset;
    ck_assert_int_eq(hbm_config_finish(&c, err), 0);
    ck_assert_mem_eq(&c, &preset, sizeof c);
}
END_TEST

/* ==== the generated Verilog header ======================================= */

/* Value of `define HBM_<name> in the text; fails if absent or defined twice. */
static long vh_value(const char *vh, const char *name)
{
    char want[96];
    const char *p = vh, *hit = NULL;
    long v = 0;

    snprintf(want, sizeof want, "`define HBM_%s", name);
    while ((p = strstr(p, want)) != NULL) {
        const char *e = p + strlen(want);
        if (*e == ' ' || *e == '\t') {
            ck_assert_msg(hit == NULL, "HBM_%s defined twice", name);
            hit = e;
        }
        p = e;
    }
    ck_assert_msg(hit != NULL, "no `define HBM_%s", name);
    ck_assert_int_eq(sscanf(hit, "%ld", &v), 1);
    return v;
}

/* The text of a `define's value (up to the end of its line). */
static void vh_text(const char *vh, const char *name, char *out, size_t outsz)
{
    char want[96];
    const char *p, *e;
    size_t n;

    snprintf(want, sizeof want, "`define HBM_%s ", name);
    p = strstr(vh, want);
    ck_assert_msg(p != NULL, "no `define HBM_%s", name);
    p += strlen(want);
    while (*p == ' ')
        p++;
    e = strchr(p, '\n');
    n = e ? (size_t)(e - p) : strlen(p);
    ck_assert_uint_lt(n, outsz);
    memcpy(out, p, n);
    out[n] = '\0';
}

/* "{8'dA, 8'dB, ...}": field f's source bits, most significant first. */
static void expect_src(const char *vh, const char *name, const struct hbm_config *c, int f)
{
    char got[512], want[512];
    size_t n = 0;
    int b;

    vh_text(vh, name, got, sizeof got);
    n += (size_t)snprintf(want + n, sizeof want - n, "{");
    for (b = c->field_bits[f] - 1; b >= 0; b--)
        n += (size_t)snprintf(want + n, sizeof want - n, "8'd%d%s", c->map_bit[f][b] + (int)HBM_BURST_SHIFT,
                              b ? ", " : "}");
    ck_assert_str_eq(got, want);
}

static char *emit(const struct hbm_config *c)
{
    char *buf = NULL, err[HBM_ERR_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(hbm_config_emit_vh(c, f, err), 0);
    fclose(f);
    return buf;
}

START_TEST(test_emit_vh_defines_every_rtl_key_with_its_value)
{
    struct hbm_config c;
    char *vh;
    int i, p, n = 0;

    for (p = 0; p < NPRESETS; p++) {
        tu_load(&c, tu_preset_path(p));
        vh = emit(&c);
        ck_assert_msg(strstr(vh, "do not edit") != NULL, "no generated-file banner");
        for (i = 0; i < NDEF; i++) {
            if (strcmp(def_keys[i].vh, "0") == 0)
                continue;
            ck_assert_int_eq(vh_value(vh, def_keys[i].vh),
                             *(const int *)((const char *)&c + def_keys[i].offset));
            n++;
        }
        ck_assert_int_eq(vh_value(vh, "T_RCDRD_CK"), c.trcdrd);
        ck_assert_int_eq(vh_value(vh, "TCK_PS"), c.tck_ps);
        ck_assert_int_eq(vh_value(vh, "BANKS"), c.banks);
        ck_assert_int_eq(vh_value(vh, "ADDR_BITS"), c.addr_bits);
        expect_src(vh, "ROW_SRC", &c, HBM_FIELD_ROW);
        expect_src(vh, "BANK_SRC", &c, HBM_FIELD_BANK);
        expect_src(vh, "BANKGROUP_SRC", &c, HBM_FIELD_BANKGROUP);
        expect_src(vh, "COLUMN_SRC", &c, HBM_FIELD_COLUMN);
        ck_assert_int_eq(vh_value(vh, "PAGE_ADAPTIVE"), HBM_PAGE_ADAPTIVE);
        ck_assert_int_eq(vh_value(vh, "REFRESH_NONE"), HBM_REFRESH_NONE);
        ck_assert_int_eq(vh_value(vh, "XOR_FOLD"), HBM_XOR_FOLD);
        ck_assert_int_eq(vh_value(vh, "SCHED_FCFS"), HBM_SCHED_FCFS);
        ck_assert_int_eq(vh_value(vh, "REFPICK_RECENT"), HBM_REFPICK_RECENT);
        free(vh);
    }
    ck_assert_int_gt(n, 0);
}
END_TEST

START_TEST(test_emit_vh_follows_an_edited_config)
{
    struct hbm_config c = preset;
    char *vh;

    c.trcdrd = preset.trcdrd + 1;
    c.page_policy = HBM_PAGE_CLOSED;
    tu_finish(&c);
    vh = emit(&c);
    ck_assert_int_eq(vh_value(vh, "T_RCDRD_CK"), preset.trcdrd + 1);
    ck_assert_int_eq(vh_value(vh, "PAGE_POLICY"), HBM_PAGE_CLOSED);
    free(vh);
}
END_TEST

/*
 * The RTL takes its timing rules from the header: HBM_DLY_<cmd> must hold
 * the model's delay table entry for entry, each in HBM_DELAY_BITS bits.
 */
static void check_delay_table(const struct hbm_config *c)
{
    struct hbm_timing t;
    char *vh = emit(c), want[64], err[HBM_ERR_MAX];
    long bits = vh_value(vh, "DELAY_BITS");
    int cmd, rel, cls, max = 0;

    ck_assert_int_eq(hbm_timing_init(&t, c, err), 0);
    for (cmd = 0; cmd < HBM_CMD_COUNT; cmd++) {
        const char *p;
        snprintf(want, sizeof want, "`define HBM_DLY_%s ", hbm_cmd_name(cmd));
        p = strstr(vh, want);
        ck_assert_msg(p != NULL, "no %s", want);
        p = strchr(p, '{');
        ck_assert_ptr_nonnull(p);
        for (rel = HBM_REL_COUNT - 1; rel >= 0; rel--)
            for (cls = HBM_TC_COUNT - 1; cls >= 0; cls--) {
                long w, v;
                int used;
                ck_assert_int_eq(sscanf(p + 1, " %ld'd%ld%n", &w, &v, &used), 2);
                ck_assert_int_eq(w, bits);
                ck_assert_msg(v == t.delay[cmd][rel][cls], "%s rel %d class %d: header %ld, model %d",
                              hbm_cmd_name(cmd), rel, cls, v, t.delay[cmd][rel][cls]);
                if (v > max)
                    max = (int)v;
                p += 1 + used;
                ck_assert_int_eq(*p, (rel || cls) ? ',' : '}');
            }
    }
    if (c->tfaw > max)                       /* hbm_faw's counters, as wide */
        max = c->tfaw;                       /* as the timers, hold tFAW    */
    ck_assert_int_lt(max, 1L << bits);       /* every delay fits ...        */
    ck_assert_int_ge(max, 1L << (bits - 1)); /* ... in the fewest bits      */
    free(vh);
}

START_TEST(test_emit_vh_delay_table_is_the_model_table)
{
    int p;
    for (p = 0; p < NPRESETS; p++) {
        struct hbm_config c;
        tu_load(&c, tu_preset_path(p));
        check_delay_table(&c);
    }
}
END_TEST

START_TEST(test_emit_vh_delay_table_follows_an_edited_config)
{
    struct hbm_config c = preset;
    c.trfc = 2 * preset.trfc + 1;   /* the longest rule grows: one more bit */
    c.trp = preset.trp + 3;          /* tRC grows with it: tRC >= tRAS + tRP */
    c.trc = preset.trc + 3;
    tu_finish(&c);
    check_delay_table(&c);
}
END_TEST

START_TEST(test_emit_vh_timer_width_holds_a_long_tfaw)
{
    /* Every rule of the table under 128 clocks, tFAW 200: the timers (and
     * hbm_faw, the same width) need 8 bits, not the table's 7. */
    struct hbm_config c = preset;
    char *vh;
    c.trfc = 100;
    c.trfcpb = 60;
    c.tfaw = 200;
    tu_finish(&c);
    check_delay_table(&c);
    vh = emit(&c);
    ck_assert_int_eq(vh_value(vh, "DELAY_BITS"), 8);
    free(vh);
}
END_TEST

/* ==== address map ======================================================== */

static const char *const maps[] = { "ro-ba-bg-co", "ro-ba-co-bg", "ba-ro-bg-co", "co-bg-ba-ro",
                                     "ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]",
                                     "co[0]-ro[13:7]-bg-ro[6:0]-ba-co[4:1]" };
#define NMAPS ((int)(sizeof maps / sizeof maps[0]))

static void with_map(struct hbm_config *c, const char *map, int xor_on)
{
    *c = preset;
    snprintf(c->address_map, sizeof c->address_map, "%s", map);
    c->address_xor = xor_on;
    tu_finish(c);
}

START_TEST(test_decode_of_encode_is_the_location_for_every_map)
{
    struct hbm_config c;
    struct hbm_addr a, b;
    uint64_t s = 12345, addr;
    int m, x, i;

    for (m = 0; m < NMAPS; m++)
        for (x = 0; x < 4; x++) {   /* none, row, fold, foldmix */
            with_map(&c, maps[m], x);
            for (i = 0; i < 2000; i++) {
                s = s * 6364136223846793005ull + 1442695040888963407ull;
                a.bg = (int)(s >> 20) & (c.bankgroups - 1);
                a.ba = (int)(s >> 28) & (c.banks_per_group - 1);
                a.row = (int)(s >> 33) & (c.rows - 1);
                a.col = (int)(s >> 54) & (c.columns - 1);
                addr = hbm_addr_encode(&c, &a);
                hbm_addr_decode(&c, addr + (s >> 59), &b);  /* offset bits are ignored */
                if (addr >= c.capacity_bytes || addr % HBM_BURST_BYTES || b.bg != a.bg || b.ba != a.ba ||
                    b.row != a.row || b.col != a.col)
                    ck_abort_msg("%s xor %d: (%d %d %d %d) -> %llx -> (%d %d %d %d)", maps[m], x, a.bg, a.ba, a.row,
                                 a.col, (unsigned long long)addr, b.bg, b.ba, b.row, b.col);
            }
        }
}
END_TEST

START_TEST(test_encode_of_decode_is_the_burst_address_for_every_map)
{
    struct hbm_config c;
    struct hbm_addr a;
    uint64_t s = 777, addr;
    int m, x, i;

    for (m = 0; m < NMAPS; m++)
        for (x = 0; x < 4; x++) {   /* none, row, fold, foldmix */
            with_map(&c, maps[m], x);
            for (i = 0; i < 2000; i++) {
                s = s * 6364136223846793005ull + 1442695040888963407ull;
                addr = (s >> 11) % c.capacity_bytes;
                hbm_addr_decode(&c, addr, &a);
                if (hbm_addr_encode(&c, &a) != (addr & ~(uint64_t)(HBM_BURST_BYTES - 1)))
                    ck_abort_msg("%s xor %d: %llx does not come back", maps[m], x, (unsigned long long)addr);
            }
        }
}
END_TEST

START_TEST(test_fields_sit_where_the_map_string_says)
{
    struct hbm_config c;
    struct hbm_addr a;
    uint64_t addr;

    with_map(&c, "ro-ba-bg-co", 0);
    a.row = c.rows - 2;
    a.ba = 1 % c.banks_per_group;
    a.bg = c.bankgroups - 1;
    a.col = 3 % c.columns;
    addr = ((((uint64_t)a.row * (uint64_t)c.banks_per_group + (uint64_t)a.ba) * (uint64_t)c.bankgroups +
             (uint64_t)a.bg) * (uint64_t)c.columns + (uint64_t)a.col) * HBM_BURST_BYTES;
    ck_assert_uint_eq(hbm_addr_encode(&c, &a), addr);

    with_map(&c, "ba-ro-bg-co", 0);
    addr = ((((uint64_t)a.ba * (uint64_t)c.rows + (uint64_t)a.row) * (uint64_t)c.bankgroups + (uint64_t)a.bg) *
                (uint64_t)c.columns + (uint64_t)a.col) * HBM_BURST_BYTES;
    ck_assert_uint_eq(hbm_addr_encode(&c, &a), addr);
}
END_TEST

START_TEST(test_consecutive_bursts_rotate_bank_groups_with_bg_lowest)
{
    struct hbm_config c;
    struct hbm_addr a;
    int k;

    with_map(&c, "ro-ba-co-bg", 1);
    for (k = 0; k < 2 * c.bankgroups; k++) {
        hbm_addr_decode(&c, (uint64_t)k * HBM_BURST_BYTES, &a);
        ck_assert_int_eq(a.bg, k % c.bankgroups);
        ck_assert_int_eq(a.col, k / c.bankgroups);
        ck_assert_int_eq(a.ba, 0);
        ck_assert_int_eq(a.row, 0);
    }
}
END_TEST

/* Byte address of burst-address bit `bit`. */
static uint64_t bit_addr(int bit) { return ((uint64_t)1 << bit) * HBM_BURST_BYTES; }

START_TEST(test_address_xor_hashes_bank_with_lowest_row_bits_and_group_with_next)
{
    struct hbm_config c0, c1;
    struct hbm_addr a, b;
    uint64_t row1, rowg;

    with_map(&c0, "ro-ba-co-bg", HBM_XOR_NONE);
    with_map(&c1, "ro-ba-co-bg", HBM_XOR_ROW);
    /* Row 1, bank field 0, group field 0. */
    row1 = bit_addr(c0.map_bit[HBM_FIELD_ROW][0]);
    hbm_addr_decode(&c0, row1, &a);
    hbm_addr_decode(&c1, row1, &b);
    ck_assert_int_eq(a.row, 1);
    ck_assert_int_eq(b.row, 1);
    ck_assert_int_eq(a.ba, 0);
    ck_assert_int_eq(b.ba, 1);
    ck_assert_int_eq(b.bg, 0);
    /* The row bit just above the bank bits flips the bank group. */
    rowg = bit_addr(c0.map_bit[HBM_FIELD_ROW][c0.ba_bits]);
    hbm_addr_decode(&c1, rowg, &b);
    ck_assert_int_eq(b.ba, 0);
    ck_assert_int_eq(b.bg, 1);
}
END_TEST

START_TEST(test_address_xor_foldmix_mixes_the_folded_row_bits)
{
    /* Per folded bit f0..f3 (row bit r lands on f[r % 4]): the bank and
     * group it flips, {ba, bg}. */
    static const int flips[4][2] = { { 1, 2 }, { 2, 3 }, { 1, 3 }, { 2, 0 } };
    struct hbm_config c;
    struct hbm_addr a, b;
    uint64_t addr;
    int r, seen = 0;

    with_map(&c, "ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]", HBM_XOR_FOLDMIX);
    hbm_addr_decode(&c, 0, &a);
    ck_assert_int_eq(a.ba, 0);
    ck_assert_int_eq(a.bg, 0);
    for (r = 0; r < c.row_bits; r++) {
        hbm_addr_decode(&c, bit_addr(c.map_bit[HBM_FIELD_ROW][r]), &b);
        ck_assert_int_eq(b.ba, flips[r % 4][0]);
        ck_assert_int_eq(b.bg, flips[r % 4][1]);
        seen |= 1 << hbm_bank_index(&c, b.bg, b.ba);
    }
    ck_assert_int_eq(__builtin_popcount((unsigned)seen), 4);   /* four distinct banks */
    /* Row bits 0 and 4 both land on f0 and cancel. */
    addr = bit_addr(c.map_bit[HBM_FIELD_ROW][0]) | bit_addr(c.map_bit[HBM_FIELD_ROW][4]);
    hbm_addr_decode(&c, addr, &b);
    ck_assert_int_eq(b.ba, 0);
    ck_assert_int_eq(b.bg, 0);
    /* Bank-field bit 0 flips bank-group bit 0, as in fold. */
    hbm_addr_decode(&c, bit_addr(c.map_bit[HBM_FIELD_BANK][0]), &b);
    ck_assert_int_eq(b.ba, 1);
    ck_assert_int_eq(b.bg, 1);
    /* Encode undoes decode. */
    for (addr = 0; addr < c.capacity_bytes; addr += 4099 * HBM_BURST_BYTES) {
        hbm_addr_decode(&c, addr, &a);
        ck_assert_uint_eq(hbm_addr_encode(&c, &a), addr);
    }
}
END_TEST

START_TEST(test_split_fields_place_each_bit_where_the_map_says)
{
    struct hbm_config c;
    struct hbm_addr a;

    /* Lowest first: bg[0], co[3:0], ba[1], bg[1], co[4], ba[0], then the row. */
    with_map(&c, "ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]", HBM_XOR_NONE);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_BANKGROUP][0], 0);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_COLUMN][0], 1);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_COLUMN][3], 4);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_BANK][1], 5);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_BANKGROUP][1], 6);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_COLUMN][4], 7);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_BANK][0], 8);
    ck_assert_int_eq(c.map_bit[HBM_FIELD_ROW][0], 9);
    hbm_addr_decode(&c, bit_addr(7) | bit_addr(5) | bit_addr(0), &a);
    ck_assert_int_eq(a.col, 16);
    ck_assert_int_eq(a.ba, 2);
    ck_assert_int_eq(a.bg, 1);
    ck_assert_int_eq(a.row, 0);
}
END_TEST

START_TEST(test_address_xor_fold_puts_regions_a_row_bit_apart_in_different_banks)
{
    struct hbm_config c;
    struct hbm_addr a, b;
    int r, seen = 0;

    with_map(&c, "ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]", HBM_XOR_FOLD);
    /* Any single row bit moves burst 0 to another bank: h has one bit set. */
    hbm_addr_decode(&c, 0, &a);
    for (r = 0; r < c.row_bits; r++) {
        int bank;
        hbm_addr_decode(&c, bit_addr(c.map_bit[HBM_FIELD_ROW][r]), &b);
        bank = hbm_bank_index(&c, b.bg, b.ba);
        ck_assert_int_ne(bank, hbm_bank_index(&c, a.bg, a.ba));
        /* row bit r lands on hash bit r mod 4: ba0, ba1, bg0, bg1 */
        ck_assert_int_eq(b.ba, (r % 4 < 2) ? 1 << (r % 4) : 0);
        ck_assert_int_eq(b.bg, (r % 4 >= 2) ? 1 << (r % 4 - 2) : 0);
        seen |= 1 << bank;
    }
    ck_assert_int_eq(seen, (1 << 1) | (1 << 2) | (1 << 4) | (1 << 8));
    /* Bank-field bit 0 also flips bank-group bit 0. */
    hbm_addr_decode(&c, bit_addr(c.map_bit[HBM_FIELD_BANK][0]), &b);
    ck_assert_int_eq(b.ba, 1);
    ck_assert_int_eq(b.bg, 1);
    hbm_addr_decode(&c, bit_addr(c.map_bit[HBM_FIELD_BANK][1]), &b);
    ck_assert_int_eq(b.ba, 2);
    ck_assert_int_eq(b.bg, 0);
}
END_TEST

/* ==== limits ============================================================= */

START_TEST(test_trtw_at_its_minimum_is_accepted)
{
    struct hbm_config c;

    expect_int_accepted("tRTW", preset.rl + preset.tburst + 1 - preset.wl, &c);
    ck_assert_int_eq(c.trtw, preset.rl + preset.tburst + 1 - preset.wl);
}
END_TEST

START_TEST(test_wq_low_one_below_wq_high_is_accepted)
{
    struct hbm_config c;

    expect_int_accepted("wq_low_watermark", preset.wq_high - 1, &c);
    ck_assert_int_eq(c.wq_low, preset.wq_high - 1);
}
END_TEST

START_TEST(test_rq_low_one_below_read_queue_depth_is_accepted)
{
    struct hbm_config c;

    expect_int_accepted("rq_low_watermark", preset.read_queue_depth - 1, &c);
    ck_assert_int_eq(c.rq_low, preset.read_queue_depth - 1);
}
END_TEST

START_TEST(test_trefipb_times_banks_equal_to_trefi_is_accepted)
{
    struct hbm_config c;

    expect_int_accepted("tREFIpb", preset.trefi / preset.banks, &c);
}
END_TEST

START_TEST(test_key_in_the_wrong_section_is_an_error)
{
    char text[EDIT_MAX];
    int line = key_line(preset_text, "RL");

    /* read_queue_depth belongs in [controller]; insert it in [timing]. */
    edit_line(preset_text, line, "read_queue_depth = 8", 1, text);
    expect_error(text, line + 1, "read_queue_depth", NULL);
}
END_TEST

START_TEST(test_key_before_any_section_is_an_error)
{
    char text[EDIT_MAX];

    snprintf(text, sizeof text, "RL = 14\n%s", preset_text);
    expect_error(text, 1, "RL", NULL);
}
END_TEST

START_TEST(test_line_without_equals_is_an_error)
{
    char text[EDIT_MAX];
    int line = key_line(preset_text, "RL");

    edit_line(preset_text, line, "RL 14", 0, text);
    expect_error(text, line, NULL, NULL);
}
END_TEST

START_TEST(test_comments_and_blank_lines_are_ignored)
{
    char text[EDIT_MAX];
    struct hbm_config c;
    char err[HBM_ERR_MAX];
    int line = key_line(preset_text, "RL");

    edit_line(preset_text, line, "   # a comment line\n\n  ; another", 1, text);
    ck_assert_msg(hbm_config_parse(&c, text, "t.ini", err) == 0, "%s", err);
    ck_assert_int_eq(c.rl, preset.rl);
}
END_TEST

START_TEST(test_id_bits_too_narrow_for_the_queues_is_an_error)
{
    expect_int_error("id_bits", 1);
}
END_TEST

/* The preset with several keys edited; *line gets the last key's line. */
static void with_values(const char *const *kv, int n, char *out, int *line)
{
    char tmp[EDIT_MAX];
    int i;

    strcpy(out, preset_text);
    for (i = 0; i < n; i++) {
        char repl[256];
        *line = key_line(out, kv[2 * i]);
        ck_assert_msg(*line > 0, "key %s not in the preset", kv[2 * i]);
        snprintf(repl, sizeof repl, "%s = %s", kv[2 * i], kv[2 * i + 1]);
        edit_line(out, *line, repl, 0, tmp);
        strcpy(out, tmp);
    }
}

START_TEST(test_pseudo_channels_not_a_power_of_two_is_an_error)
{
    expect_int_error("pseudo_channels", 3);
    expect_int_error("pseudo_channels", 64);
}
END_TEST

START_TEST(test_ports_must_divide_the_pseudo_channels)
{
    static const char *const kv[] = { "pseudo_channels", "4", "switch", "crossbar", "id_bits", "10", "ports", "3" };
    char text[EDIT_MAX];
    int line;
    with_values(kv, 4, text, &line);
    expect_error(text, line, "ports", "3");
}
END_TEST

START_TEST(test_switch_none_needs_a_port_per_pseudo_channel)
{
    static const char *const kv[] = { "pseudo_channels", "2", "ports", "1" };
    char text[EDIT_MAX];
    int line;
    with_values(kv, 2, text, &line);
    expect_error(text, line, "ports", "1");
}
END_TEST

START_TEST(test_unknown_switch_is_an_error)
{
    expect_value_error("switch", "mesh");
    expect_value_error("interleave_hash", "crc");
}
END_TEST

START_TEST(test_interleave_wider_than_a_pseudo_channel_is_an_error)
{
    expect_int_error("interleave_bytes", 48);
    expect_int_error("interleave_bytes", 512 * 1024 * 1024);   /* hbm2_2000: 256 MiB per pseudo-channel */
    expect_int_error("interleave_bytes", 16);
}
END_TEST

START_TEST(test_id_bits_must_hold_the_port_and_the_reorder_tags)
{
    /* 2 ports (1 bit) + 128 read slots and their write tags (8 bits) > 8 */
    static const char *const kv[] = { "pseudo_channels", "2", "switch", "crossbar", "ports", "2",
                                      "axi_reorder_beats", "128", "id_bits", "8" };
    char text[EDIT_MAX];
    int line;
    with_values(kv, 5, text, &line);
    expect_error(text, line, "id_bits", "8");
    expect_int_error("axi_reorder_beats", 48);
}
END_TEST

START_TEST(test_id_bits_count_the_port_register_and_the_forward_register)
{
    /* 2 + 2 queued, 4 responses: 8 = 2^3, but the request port register
     * (2) and the forward register (1) hold requests in flight too */
    static const char *const kv[] = { "read_queue_depth", "2", "write_queue_depth", "2",
                                      "resp_queue_depth", "4", "wq_high_watermark", "2",
                                      "wq_low_watermark", "1", "rq_low_watermark", "0", "axi_reorder_beats", "4",
                                      "id_bits", "3" };
    static const char *const kv4[] = { "read_queue_depth", "2", "write_queue_depth", "2",
                                       "resp_queue_depth", "4", "wq_high_watermark", "2",
                                       "wq_low_watermark", "1", "rq_low_watermark", "0", "axi_reorder_beats", "4",
                                       "id_bits", "4" };
    char text[EDIT_MAX], err[HBM_ERR_MAX];
    struct hbm_config c;
    int line;
    with_values(kv, 8, text, &line);
    expect_error(text, line, "id_bits", "3");
    ck_assert(hbm_config_parse(&c, text, "t.ini", err) == -1);
    ck_assert_msg(strstr(err, "11 that can be in flight") != NULL, "%s", err);
    with_values(kv4, 8, text, &line);
    ck_assert_msg(hbm_config_parse(&c, text, "t.ini", err) == 0, "%s", err);
}
END_TEST

START_TEST(test_stack_keys_derive_the_stack_geometry)
{
    static const char *const kv[] = { "pseudo_channels", "16", "switch", "crossbar", "ports", "4",
                                      "interleave_bytes", "4096", "id_bits", "10" };
    char text[EDIT_MAX], err[HBM_ERR_MAX];
    struct hbm_config c;
    int line;
    with_values(kv, 5, text, &line);
    ck_assert_msg(hbm_config_parse(&c, text, "t.ini", err) == 0, "%s", err);
    ck_assert_int_eq(c.pc_bits, 4);
    ck_assert_int_eq(c.port_bits, 2);
    ck_assert_int_eq(c.interleave_bits, 12);
    ck_assert_int_eq(c.axi_tag_bits, 8);
    ck_assert_int_eq(c.port_addr_bits, c.addr_bits + 4);
    ck_assert_uint_eq(c.stack_bytes, 16 * c.capacity_bytes);
}
END_TEST

START_TEST(test_empty_text_names_a_missing_key)
{
    expect_error("", 0, def_keys[0].key, NULL);
}
END_TEST

START_TEST(test_missing_file_is_an_error_naming_it)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX] = "";

    ck_assert_int_eq(hbm_config_load(&c, "configs/no_such_file.ini", err), -1);
    ck_assert_msg(strstr(err, "configs/no_such_file.ini") != NULL, "%s", err);
}
END_TEST

START_TEST(test_bad_enumeration_value_is_an_error)
{
    expect_value_error("page_policy", "sometimes");
    expect_value_error("refresh_mode", "ALL_BANK");
}
END_TEST


/* ==== [power] (optional as a whole) ========================================= */

/* The preset's text up to its [power] section: a config without one. */
static void without_power(char *out)
{
    const char *at = strstr(preset_text, "\n[power]");
    size_t n;

    ck_assert_ptr_nonnull(at);
    n = (size_t)(at - preset_text) + 1;
    ck_assert_uint_lt(n, EDIT_MAX);
    memcpy(out, preset_text, n);
    out[n] = '\0';
}

START_TEST(test_power_section_is_optional_and_read_in_thousandths)
{
    char text[EDIT_MAX], err[HBM_ERR_MAX];
    struct hbm_config c;

    ck_assert_int_eq(preset.power, 1);
    ck_assert_int_eq(preset.vdd_mv, 1200);
    ck_assert_int_eq(preset.idd3n_ua, 27500);
    ck_assert_int_eq(preset.idd5pb_ua, 40830);
    ck_assert_int_eq(preset.io_read_fj, 300);
    without_power(text);
    ck_assert_msg(hbm_config_parse(&c, text, "t.ini", err) == 0, "%s", err);
    ck_assert_int_eq(c.power, 0);
    strcat(text, "[power]\n");   /* a header with no keys is not "no section" */
    ck_assert_int_eq(hbm_config_parse(&c, text, "t.ini", err), -1);
    ck_assert_msg(strstr(err, "[power] has no keys") != NULL, "%s", err);
}
END_TEST

START_TEST(test_power_section_missing_a_key_names_it)
{
    char text[EDIT_MAX];

    /* blamed on the section's first key line, which VDD is */
    edit_line(preset_text, key_line(preset_text, "IDD4R"), NULL, 0, text);
    expect_error(text, key_line(preset_text, "VDD"), "IDD4R", NULL);
}
END_TEST

START_TEST(test_negative_or_malformed_current_is_an_error_naming_it)
{
    expect_value_error("IDD0", "-5");
    expect_value_error("IDD3N", "27.5mA");
    expect_value_error("VDD", "0.1");
    expect_value_error("io_read_pj_per_bit", "0.0005");
}
END_TEST

START_TEST(test_currents_below_their_background_are_errors_at_their_key)
{
    expect_value_error("IDD4R", "27.5");     /* not above IDD3N */
    expect_value_error("IDD3N", "19");       /* below IDD2N */
    expect_value_error("IDD5PB", "20");
    expect_value_error("IDD0", "20");        /* ACT-PRE pair below the standby it replaces */
}
END_TEST

START_TEST(test_based_on_keeps_the_power_section_and_overrides_a_key)
{
    struct hbm_config c;
    char err[HBM_ERR_MAX];

    ck_assert_msg(hbm_config_parse(&c, "based_on = hbm2_2000.ini\n[power]\nIDD4R = 200\n", "configs/t.ini", err)
                  == 0, "refused: %s", err);
    ck_assert_int_eq(c.power, 1);
    ck_assert_int_eq(c.idd4r_ua, 200000);
    ck_assert_int_eq(c.idd0_ua, preset.idd0_ua);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("hbm_config");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_checked_fixture(limits, setup, teardown);

    tcase_add_test(core, test_every_preset_loads_and_derives_its_geometry);
    tcase_add_test(core, test_parse_of_the_preset_text_equals_load);
    tcase_add_test(core, test_key_list_is_hbm_params_def);
    tcase_add_test(core, test_every_key_of_hbm_params_def_is_documented);
    tcase_add_test(core, test_tck_ns_is_stored_as_exact_picoseconds);
    tcase_add_test(core, test_enumerations_read_their_names);
    tcase_add_test(core, test_unknown_key_is_an_error_at_its_line);
    tcase_add_test(core, test_unknown_and_repeated_key_errors_quote_the_value);
    tcase_add_test(core, test_unknown_section_is_an_error_at_its_line);
    tcase_add_test(core, test_missing_key_is_an_error_naming_key_and_section);
    tcase_add_test(core, test_repeated_key_is_an_error_at_the_second_line);
    tcase_add_test(core, test_value_that_is_not_a_number_is_an_error);
    tcase_add_test(core, test_value_out_of_range_is_an_error);
    tcase_add_test(core, test_trc_below_tras_plus_trp_is_an_error_at_trc);
    tcase_add_test(core, test_rows_not_a_power_of_two_is_an_error);
    tcase_add_test(core, test_wq_low_not_below_wq_high_is_an_error_at_wq_low);
    tcase_add_test(core, test_rq_low_at_read_queue_depth_is_an_error_at_rq_low);
    tcase_add_test(core, test_sched_window_of_one_is_an_error_and_0_2_64_are_accepted);
    tcase_add_test(core, test_wq_high_above_write_queue_depth_is_an_error_at_wq_high);
    tcase_add_test(core, test_bad_address_map_is_an_error);
    tcase_add_test(core, test_based_on_takes_the_base_and_overrides_only_the_keys_given);
    tcase_add_test(core, test_based_on_errors_name_the_file_line_key_and_value);
    tcase_add_test(core, test_shipped_baseline_is_hbm2_2000_with_the_plain_controller);
    tcase_add_test(core, test_emit_vh_refuses_a_geometry_the_rtl_cannot_build);
    tcase_add_test(core, test_trefipb_times_banks_above_trefi_is_an_error);
    tcase_add_test(core, test_trtw_without_an_idle_data_bus_clock_is_an_error);
    tcase_add_test(core, test_bad_tck_ns_is_an_error);
    tcase_add_test(core, test_finish_names_the_key_of_an_edited_config);
    tcase_add_test(core, test_emit_vh_defines_every_rtl_key_with_its_value);
    tcase_add_test(core, test_emit_vh_follows_an_edited_config);
    tcase_add_test(core, test_emit_vh_delay_table_is_the_model_table);
    tcase_add_test(core, test_emit_vh_delay_table_follows_an_edited_config);
    tcase_add_test(core, test_emit_vh_timer_width_holds_a_long_tfaw);
    tcase_add_test(core, test_decode_of_encode_is_the_location_for_every_map);
    tcase_add_test(core, test_encode_of_decode_is_the_burst_address_for_every_map);
    tcase_add_test(core, test_fields_sit_where_the_map_string_says);
    tcase_add_test(core, test_consecutive_bursts_rotate_bank_groups_with_bg_lowest);
    tcase_add_test(core, test_address_xor_hashes_bank_with_lowest_row_bits_and_group_with_next);
    tcase_add_test(core, test_split_fields_place_each_bit_where_the_map_says);
    tcase_add_test(core, test_address_xor_fold_puts_regions_a_row_bit_apart_in_different_banks);
    tcase_add_test(core, test_address_xor_foldmix_mixes_the_folded_row_bits);

    tcase_add_test(limits, test_trtw_at_its_minimum_is_accepted);
    tcase_add_test(limits, test_wq_low_one_below_wq_high_is_accepted);
    tcase_add_test(limits, test_rq_low_one_below_read_queue_depth_is_accepted);
    tcase_add_test(limits, test_trefipb_times_banks_equal_to_trefi_is_accepted);
    tcase_add_test(limits, test_key_in_the_wrong_section_is_an_error);
    tcase_add_test(limits, test_key_before_any_section_is_an_error);
    tcase_add_test(limits, test_line_without_equals_is_an_error);
    tcase_add_test(limits, test_comments_and_blank_lines_are_ignored);
    tcase_add_test(limits, test_id_bits_too_narrow_for_the_queues_is_an_error);
    tcase_add_test(limits, test_id_bits_count_the_port_register_and_the_forward_register);
    tcase_add_test(limits, test_pseudo_channels_not_a_power_of_two_is_an_error);
    tcase_add_test(limits, test_ports_must_divide_the_pseudo_channels);
    tcase_add_test(limits, test_switch_none_needs_a_port_per_pseudo_channel);
    tcase_add_test(limits, test_unknown_switch_is_an_error);
    tcase_add_test(limits, test_interleave_wider_than_a_pseudo_channel_is_an_error);
    tcase_add_test(limits, test_id_bits_must_hold_the_port_and_the_reorder_tags);
    tcase_add_test(limits, test_stack_keys_derive_the_stack_geometry);
    tcase_add_test(limits, test_empty_text_names_a_missing_key);
    tcase_add_test(limits, test_missing_file_is_an_error_naming_it);
    tcase_add_test(limits, test_bad_enumeration_value_is_an_error);
    tcase_add_test(limits, test_a_burst_other_than_32_bytes_is_an_error);
    tcase_add_test(limits, test_stack_ids_that_do_not_divide_the_bank_groups_or_a_short_tccd_r_are_errors);
    tcase_add_test(limits, test_power_section_is_optional_and_read_in_thousandths);
    tcase_add_test(limits, test_power_section_missing_a_key_names_it);
    tcase_add_test(limits, test_negative_or_malformed_current_is_an_error_naming_it);
    tcase_add_test(limits, test_currents_below_their_background_are_errors_at_their_key);
    tcase_add_test(limits, test_based_on_keeps_the_power_section_and_overrides_a_key);

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(config_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
