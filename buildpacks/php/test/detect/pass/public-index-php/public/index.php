<?php echo "Hello from public/";
