module chanbench

go 1.19
