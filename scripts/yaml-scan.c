/* The YAML parse floor: runs libyaml's yaml_parser_parse to the end of every file given, building
 * nothing. Prints "files events seconds". Built by scripts/bench.py (cc -O2 yaml-scan.c -lyaml). */
#include <stdio.h>
#include <time.h>
#include <yaml.h>

static int scan(const char *path, long *events) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    int done = 0, status = 0;
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%zu: %s\n", path, parser.problem_mark.line + 1, parser.problem ? parser.problem : "error");
            status = 1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        (*events)++;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return status;
}

int main(int argc, char **argv) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long events = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) status |= scan(argv[i], &events);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%d %ld %.6f\n", argc - 1, events, seconds);
    return status;
}
