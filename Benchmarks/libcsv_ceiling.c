/* The raw parsing ceiling: parse a CSV file with libcsv and no-op callbacks,
 * on one thread or split into N chunks at line boundaries outside quotes
 * (the same kind of cut the pipeline makes), one parser per thread.
 * Build: cc -O2 -pthread libcsv_ceiling.c -lcsv -o libcsv_ceiling
 * Usage: libcsv_ceiling FILE THREADS   -> prints records parsed */
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct job { const unsigned char *start; size_t length; size_t records; };

static void on_field(void *field, size_t length, void *data) { (void)field; (void)length; (void)data; }
static void on_record(int c, void *data) { (void)c; ((struct job *)data)->records++; }

static void *parse(void *argument) {
    struct job *job = argument;
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_parse(&parser, job->start, job->length, on_field, on_record, job);
    csv_fini(&parser, on_field, on_record, job);
    csv_free(&parser);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s FILE THREADS\n", argv[0]); return 64; }
    int fd = open(argv[1], O_RDONLY);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0) { perror(argv[1]); return 66; }
    size_t size = (size_t)info.st_size;
    const unsigned char *bytes = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (bytes == MAP_FAILED) { perror("mmap"); return 74; }
    int threads = atoi(argv[2]);
    if (threads < 1) threads = 1;
    struct job jobs[256];
    pthread_t ids[256];
    if (threads > 256) threads = 256;
    size_t begin = 0;
    int count = 0;
    for (int t = 0; t < threads && begin < size; t++) {
        size_t end = (t == threads - 1) ? size : size / threads * (t + 1);
        if (end < begin) end = begin;
        /* Move the cut to the next LF outside quotes, counting quotes from the chunk start. */
        int quoted = 0;
        for (size_t i = begin; i < end; i++) if (bytes[i] == '"') quoted = !quoted;
        while (end < size && (bytes[end - 1] != '\n' || quoted)) { if (bytes[end] == '"') quoted = !quoted; end++; }
        jobs[count] = (struct job){ bytes + begin, end - begin, 0 };
        pthread_create(&ids[count], NULL, parse, &jobs[count]);
        count++;
        begin = end;
    }
    size_t records = 0;
    for (int t = 0; t < count; t++) { pthread_join(ids[t], NULL); records += jobs[t].records; }
    printf("%zu\n", records);
    return 0;
}
