// hbm_clog2.vh - the width of an index into v entries: ceil(log2(v)), at
// least 1.  Included inside a module body (a Verilog-2005 function cannot
// live outside one), so every module that sizes an index shares this one.
function integer clog2(input integer v);
    integer n;
    begin
        n = 0;
        while ((1 << n) < v)
            n = n + 1;
        clog2 = (n < 1) ? 1 : n;
    end
endfunction
