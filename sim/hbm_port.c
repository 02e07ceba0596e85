/*
 * hbm_port.c - the golden model behind the port interface; see hbm_port.h.
 */
#include "hbm_port.h"

#include <stddef.h>

static uint64_t m_cycle(void *s) { return hbm_model_cycle(s); }
static int m_can_accept(void *s, uint64_t a, int w) { return hbm_model_offer(s, a, w); }
static int m_push(void *s, uint64_t a, int w, uint32_t id, const uint8_t *d, uint32_t be)
{
    return hbm_model_push(s, a, w, id, d, be);
}
static int m_resp_valid(void *s) { return hbm_model_resp_valid(s); }
static int m_pop_resp(void *s, struct hbm_resp *r) { return hbm_model_pop_resp(s, r); }
static int m_tick(void *s)
{
    hbm_model_tick(s);
    return 0;
}
static int m_idle(void *s) { return hbm_model_idle(s); }
static void m_set_cmd_hook(void *s, hbm_cmd_hook fn, void *ctx) { hbm_model_set_cmd_hook(s, fn, ctx); }
static const struct hbm_stats *m_stats(void *s) { return hbm_model_stats(s); }
static uint64_t m_protocol_errors(void *s)
{
    return hbm_device_protocol_errors(hbm_model_device(s)) + hbm_model_stats(s)->burst_overlaps;
}
static int m_finish(void *s)
{
    (void)s;
    return 0;
}
static const char *m_error(void *s)
{
    (void)s;
    return "";
}
static int m_report_field(void *s, const char **name, uint64_t *value)
{
    (void)s;
    (void)name;
    (void)value;
    return 0;
}
static uint32_t m_bwmon(void *s, int addr, int we, uint32_t wdata) { return hbm_model_bwmon(s, addr, we, wdata); }
static uint32_t m_events(void *s) { return hbm_model_events(s); }
static void m_free(void *s) { (void)s; }

static const struct hbm_port_ops model_ops = {
    m_cycle, m_can_accept, m_push, m_resp_valid, m_pop_resp, m_tick, m_idle, m_set_cmd_hook,
    m_stats, m_protocol_errors, m_finish, m_error, m_report_field, m_bwmon, m_events, m_free
};

hbm_port hbm_port_model(hbm_model *m)
{
    hbm_port p;
    p.ops = &model_ops;
    p.self = m;
    return p;
}

void hbm_port_free(hbm_port *p)
{
    if (p && p->ops)
        p->ops->free(p->self);
    if (p)
        p->ops = NULL;
}
