/*
 * websub: the list pages of mailer serve, under /lists/ID/:
 *
 *   manage        GET a form asking for an address; POST mails that
 *                 address (when it is on the list) a link to unsubscribe
 *   unsubscribe   ?t=TOKEN from that mail: GET asks, POST unsubscribes
 *   subscribe     GET a form (name, address, the consent text); POST
 *                 records the consent and mails a confirmation link
 *   confirm       ?t=TOKEN from that mail: GET asks, POST subscribes
 *
 * The POST pages answer the same whatever the address (on the list or
 * not, subscribed or not, over its limits or not): nothing tells who
 * subscribes.  Confirmation mails per address and day, and per client
 * address and hour, are limited (web.mails_per_address_per_day,
 * web.mails_per_ip_per_hour), subscribe mails also over the whole
 * server and hour (web.subscribe_mails_per_hour) and to a mailbox that
 * reported one as spam (web.complaint_days).  A link is refused when
 * forged or made for another list (404), expired (410) or used already
 * (409); only a POST changes anything.
 */
#ifndef MAILER_WEBSUB_H
#define MAILER_WEBSUB_H

#include "http.h"

struct web;
struct list;

/*
 * Answers page of list l, asked for under id as (l's id, or an id l had
 * before a rename: the one a link's token was made for).  Returns 0, or
 * -1 when there is no such page.
 */
int websub_handle(struct web *w, const struct list *l, const char *as,
    const char *page, const struct http_request *rq,
    struct http_response *rs);

#endif
