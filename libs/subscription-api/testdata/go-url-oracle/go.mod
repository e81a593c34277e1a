module gourl

go 1.26
